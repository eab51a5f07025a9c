"""Builders and checkers shared by every test (import them by full name):
:mod:`tests.helpers.editor_forms` (page editor form data), :mod:`tests.helpers.editor_sessions`
(an editor's tab on the edit view), :mod:`tests.helpers.images` (images),
:mod:`tests.helpers.markup` (stored rich text, landing page reader, executable-markup
checker) and :mod:`tests.helpers.word_files` (Word documents)."""
