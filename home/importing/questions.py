"""Which blocks are questions: the question shapes of the FAQ-structure finder.

How it works: docs/architecture.md, section ``badgecms.home.importing.questions``.
"""

import re

from badgecms.home.importing.document import is_question_text

QUESTION_MAX_LENGTH = 255
_MARKER = re.compile(
    r"^\s*(?:(?:Q|Question|P|Pregunta)\s*\d*\s*[:：]|Q\s*\d+\s*[.)]|\d{1,3}\s*[.)])\s*", re.I
)
_EXPLICIT = re.compile(r"^\s*(?:(?:Q|Question|P|Pregunta)\s*\d*\s*[:：]|Q\s*\d+\s*[.)])", re.I)
#: How strongly a block's form says "question": explicitly marked (``Q:``, ``<summary>``,
#: schema.org), set apart (heading, bold, toggle, one-item numbered list), or a plain
#: one-line paragraph. Only the strongest form a document uses makes items.
MARKED, SET_APART, PLAIN = 3, 2, 1


def _question(block):
    """(question text, strength) for a block that may be a question, else None."""
    text = block.text
    bare = _MARKER.sub("", text, count=1) if _MARKER.match(text) else text
    marked = _EXPLICIT.match(text) and block.kind in ("heading", "paragraph")
    if marked or block.kind in ("question", "toggle"):
        return bare.strip(" *_"), MARKED
    if block.kind == "term":
        # A <dt> asks (a question list) or names (a glossary inside an answer): a term
        # must not outrank the document's question headings (adversarial review: it did,
        # and every real question was dropped).
        return bare.strip(" *_"), MARKED if is_question_text(bare) else PLAIN
    set_apart = block.kind == "heading" or (block.kind == "paragraph" and block.bold)
    if set_apart and is_question_text(bare):
        return bare.strip(" *_"), SET_APART
    if block.kind == "list" and block.ordered_items == 1 and is_question_text(text):
        return text, SET_APART
    if block.kind == "paragraph" and is_question_text(text) and len(text) <= QUESTION_MAX_LENGTH:
        return text, PLAIN
    return None


def _title_index(blocks, source_title):
    """Index of the title heading: the first block, a heading that is the only one at its
    level and above all others (or that repeats the front matter title)."""
    if not blocks or blocks[0].kind != "heading":
        return None
    first = blocks[0]
    if _EXPLICIT.match(first.text):
        return None
    others = [b.level for b in blocks[1:] if b.kind == "heading"]
    if first.text == source_title or all(level > first.level for level in others):
        return 0
    return None


def _drop_section_headings_before_the_faq(blocks, found):
    """Headings that ask but come before the FAQ heading (a heading directly followed by
    deeper questions), at its level or above, are sections (the template's "What is
    Digital Badging?"), not items."""
    faq_at = next(
        (
            i
            for i, block in enumerate(blocks[:-1])
            if block.kind == "heading"
            and not found[i]
            and found[i + 1]
            and (blocks[i + 1].kind != "heading" or blocks[i + 1].level > block.level)
        ),
        None,
    )
    if faq_at is None:
        return
    for index in range(faq_at):
        block = blocks[index]
        asks = found[index] and found[index][1] < MARKED
        if asks and block.kind == "heading" and block.level <= blocks[faq_at].level:
            found[index] = None


def find_questions(blocks, source_title):
    """Return ``(found, title_index)``: for each block ``(question text, strength)`` or
    None, and the index of the title heading (or None). Only the strongest form present
    is kept (see the module docstring)."""
    title_index = _title_index(blocks, source_title)
    found = [None if i == title_index else _question(b) for i, b in enumerate(blocks)]
    for index, candidate in enumerate(found):
        # Something that merely asks, with nothing under it (the end, a heading, or a
        # question at least as strong), is not an FAQ item.
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        next_question = _question(following) if following is not None else None
        if (
            candidate
            and candidate[1] < MARKED
            and (
                following is None
                or following.kind == "heading"
                or (next_question and next_question[1] >= candidate[1])
            )
        ):
            found[index] = None
    _drop_section_headings_before_the_faq(blocks, found)
    strongest = max((q[1] for q in found if q), default=0)
    return [q if q and q[1] == strongest else None for q in found], title_index
