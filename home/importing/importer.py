"""Import a badge landing page from the FAQ document an organisation already has.

How it works: docs/architecture.md, section ``badgecms.home.importing.importer``.
"""

from pathlib import Path

from badgecms.home.editors.warnings import placeholder_link_warnings
from badgecms.home.importing.document import (
    CertificationLinkData,
    FAQItemData,
    LandingPageDocument,
    LandingPageImportError,
    normalise_text,
)
from badgecms.home.importing.finder import EXPECTED_STRUCTURE, find_landing_page
from badgecms.home.importing.html_reader import looks_like_html, read_html
from badgecms.home.importing.markdown_reader import read_markdown
from badgecms.home.importing.questions import QUESTION_MAX_LENGTH
from badgecms.home.importing.saver import DEFAULT_TITLE, ImportResult, save_landing_page
from badgecms.home.importing.word_documents import WordDocumentError, docx_to_markdown

__all__ = [
    "DEFAULT_TITLE",
    "EXPECTED_STRUCTURE",
    "MAX_DOCUMENT_CHARACTERS",
    "QUESTION_MAX_LENGTH",
    "CertificationLinkData",
    "FAQItemData",
    "ImportResult",
    "LandingPageDocument",
    "LandingPageImportError",
    "decode_document",
    "describe",
    "import_warnings",
    "normalise_text",
    "parse_landing_page",
    "read_document",
    "save_landing_page",
]

#: Longest document accepted, in characters (the customer's template has about 6,000).
#: Parsing grows linearly with the size (see ``bench/``); the limit keeps an upload from
#: tying up a worker.
MAX_DOCUMENT_CHARACTERS = 100_000
#: File name endings read as HTML.
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")


def read_document(path):
    """Return the text of the file at ``path`` (see :func:`decode_document`).

    Raises :class:`LandingPageImportError` when it cannot be read or decoded.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise LandingPageImportError(f"cannot read {path}: {error.strerror or error}.") from error
    return decode_document(raw, str(path))


def _limit_size(text, name):
    if len(text) > MAX_DOCUMENT_CHARACTERS:
        raise LandingPageImportError(
            f"{name} holds {len(text):,} characters; at most {MAX_DOCUMENT_CHARACTERS:,} are "
            "accepted (a landing page template has about 6,000)."
        )
    return text


def decode_document(raw, name):
    """Return the text of a document's bytes ``raw``; ``name`` is its file name.

    A ``.docx`` name is converted from Word to Markdown (see
    :func:`badgecms.home.importing.word_documents.docx_to_markdown`); anything else
    (Markdown, plain text, HTML) must be UTF-8 text. Raises
    :class:`LandingPageImportError` for a Word file that cannot be read, or text that is
    not UTF-8, holds NUL bytes or is longer than :data:`MAX_DOCUMENT_CHARACTERS`.
    """
    if name.lower().endswith(".docx"):
        try:
            return _limit_size(docx_to_markdown(raw), name)
        except WordDocumentError as error:
            raise LandingPageImportError(f"{name}: {error}") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LandingPageImportError(
            f"{name} is not a UTF-8 text file (byte {error.start} is not UTF-8)."
        ) from error
    if "\x00" in text:
        raise LandingPageImportError(f"{name} is a binary file, not a text document.")
    return _limit_size(text, name)


def parse_landing_page(text, *, collect_problems=False, name=""):
    """Find the landing page in ``text`` and return a :class:`LandingPageDocument`.

    ``text`` is HTML when ``name`` ends in ``.html``/``.htm`` or when it looks like HTML
    (:func:`~badgecms.home.importing.html_reader.looks_like_html`), Markdown otherwise.
    Problems that forbid saving (a refused link scheme, a question without an answer or
    too long, nothing recognisable) are :class:`LandingPageImportError` instances naming
    the line. By default the first one is raised. With ``collect_problems=True`` they are
    returned in ``document.problems`` (document order) and nothing is raised, so that a
    preview can list them; :func:`save_landing_page` refuses such a document. A document
    that cannot be read to its end is always raised.
    """
    _limit_size(text, name or "The document")
    try:
        if name.lower().endswith(HTML_EXTENSIONS) or looks_like_html(text):
            source = read_html(text)
        else:
            source = read_markdown(text)
        document = find_landing_page(source)
    except RecursionError as error:
        # A safety net under the readers' own nesting limits, which name the line.
        raise LandingPageImportError(
            "the document is nested too deeply to be read; flatten its lists and markup."
        ) from error
    document.problems.sort(key=lambda problem: problem.line or 0)
    if document.problems and not collect_problems:
        raise document.problems[0]
    return document


def describe(document):
    """One sentence saying what was found, shared by the command and the admin preview:
    ``"Found: the introduction “…”, 1 certification link and 13 FAQ items."``."""
    links = len(document.certification_links)
    faqs = len(document.faqs)
    intro = f"the introduction “{document.intro_heading}”, " if document.intro_heading else ""
    faq = f" under “{document.faq_heading}”" if document.faq_heading else ""
    return (
        f"Found: {intro}{links} certification link{'s' * (links != 1)} and "
        f"{faqs} FAQ item{'s' * (faqs != 1)}{faq}."
    )


def import_warnings(document):
    """The warnings of an import, shared by the command and the admin preview: what the
    readers and the finder left out or changed (each naming the line), then certification
    links that still point at the template's placeholder organisation."""
    return [*document.warnings, *placeholder_link_warnings(document.certification_links)]
