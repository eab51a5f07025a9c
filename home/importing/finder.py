"""The FAQ-structure finder: one set of rules for every reader's blocks.

How it works: docs/architecture.md, section ``badgecms.home.importing.finder``.
"""

import re

from django.utils.html import escape
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from badgecms.faq.blocks import ANSWER_FEATURES
from badgecms.home.importing.certification_links import split_certification_links
from badgecms.home.importing.document import (
    FAQItemData,
    LandingPageDocument,
    LandingPageImportError,
)
from badgecms.home.importing.questions import QUESTION_MAX_LENGTH, find_questions
from badgecms.home.models import INTRO_FEATURES

EXPECTED_STRUCTURE = (
    "expected questions (headings or bold lines ending in “?”, “Q:”/“A:” pairs or numbered "
    "questions) with their answers, or a link to the organisation's badges"
)
#: The ``A:`` marker opening an answer: alone, in its own emphasis (``**A:**``), or at the
#: start of emphasis that goes on (``**A: text**``, whose emphasis is kept: group 3).
_ANSWER_MARKER = re.compile(
    r"^(<p>)\s*(?:<(strong|b|em)>\s*(?:A|Answer|R|Respuesta)\s*[:：]\s*</\2>|"
    r"(<(?:strong|b|em)>)?\s*(?:A|Answer|R|Respuesta)\s*[:：])\s*",
    re.I,
)


class _RichText:
    """HTML fragments to Wagtail's database format through Wagtail's own editor
    converter, so imported rich text obeys the same allow-list as text typed in the admin."""

    def __init__(self, features):
        self.converter = ContentstateConverter(features=features)

    def __call__(self, fragments):
        html = "".join(fragments)
        if not html:
            return ""
        return self.converter.to_database_format(self.converter.from_database_format(html))


def _question_problem(question, line):
    if not question:
        return LandingPageImportError("a question is empty.", line)
    if len(question) > QUESTION_MAX_LENGTH:
        return LandingPageImportError(
            f"the question is {len(question)} characters long; at most "
            f"{QUESTION_MAX_LENGTH} are allowed.",
            line,
        )
    return None


def _faq_heading_index(blocks, found, first_question):
    """The heading introducing the FAQ: the last heading before the first question,
    unless it is one of several category headings of its level that each open a run of
    questions; then the heading above them (or none)."""
    index = next(
        (i for i in range(first_question - 1, -1, -1) if blocks[i].kind == "heading"), None
    )
    if index is None:
        return None
    level = blocks[index].level
    categories = [
        i
        for i in range(first_question, len(blocks) - 1)
        if blocks[i].kind == "heading"
        and not found[i]
        and blocks[i].level == level
        and found[i + 1]
    ]
    if not categories:
        return index
    return next(
        (
            i
            for i in range(index - 1, -1, -1)
            if blocks[i].kind == "heading" and blocks[i].level < level
        ),
        None,
    )


def _line_of(warning):
    number = warning.removeprefix("line ").partition(":")[0]
    return int(number) if number.isdigit() else 0


def find_landing_page(source):
    """Find the landing page in ``source`` (a SourceDocument); see the module docstring.

    Returns a :class:`LandingPageDocument` whose ``problems`` hold what forbids saving
    (refused link schemes, a question without an answer or too long, nothing
    recognisable), each a :class:`LandingPageImportError` naming the line.
    """
    document = LandingPageDocument(title=source.title, warnings=list(source.warnings))
    problems = document.problems
    problems.extend(source.problems)
    blocks = list(source.blocks)
    # Italic paragraphs before the first heading are guidance in the customer's template.
    while blocks and blocks[0].kind == "paragraph" and blocks[0].italic:
        blocks.pop(0)
    found, title_index = find_questions(blocks, source.title)
    questions = [i for i, q in enumerate(found) if q]

    intro_end = questions[0] if questions else len(blocks)
    faq_heading_index = None
    if questions:
        faq_heading_index = _faq_heading_index(blocks, found, intro_end)
    intro_start = 0
    first = blocks[0] if blocks else None
    if (
        first is not None
        and first.kind == "heading"
        and not found[0]
        # The first heading introduces the FAQ, unless it is the page's H1 title.
        and (faq_heading_index != 0 or (first.level == 1 and title_index == 0))
    ):
        if (
            len(blocks) > 1
            and first.level == 1
            and blocks[1].kind == "heading"
            and not found[1]
            and faq_heading_index != 1
        ):
            # An H1 directly followed by another heading is the page title only.
            document.title = document.title or first.text
            intro_start = 1
        document.intro_heading = blocks[intro_start].text
        intro_start += 1
        if faq_heading_index is not None and faq_heading_index < intro_start:
            faq_heading_index = None
    if faq_heading_index is not None:
        document.faq_heading = blocks[faq_heading_index].text

    intro_blocks, stopped = [], False
    for index in range(intro_start, intro_end):
        block = blocks[index]
        stopped = stopped or block.kind == "heading"
        if not stopped:
            intro_blocks.append(block)
        elif block.kind == "heading" and index != faq_heading_index:
            document.warnings.append(f"line {block.line}: heading “{block.text}” was skipped.")
        elif block.kind != "heading":
            document.warnings.append(
                f"line {block.line}: text outside the introduction and the FAQ was skipped."
            )

    links, intro_fragments, link_problems = split_certification_links(intro_blocks)
    document.certification_links.extend(links)
    problems.extend(link_problems)
    document.intro = _RichText(INTRO_FEATURES)(intro_fragments)
    _find_items(document, blocks, found, questions, faq_heading_index)

    document.warnings.sort(key=_line_of)
    if not document.faqs and not document.certification_links and not problems:
        problems.append(
            LandingPageImportError(f"No landing page found in the document: {EXPECTED_STRUCTURE}.")
        )
    return document


def _find_items(document, blocks, found, questions, faq_heading_index):
    """Collect the FAQ items: each question with the blocks up to the next question or
    the end of the FAQ section."""
    answer_text = _RichText(ANSWER_FEATURES)
    section_level = blocks[faq_heading_index].level if faq_heading_index is not None else 0
    current, answer = None, []

    def close():
        if current is None:
            return
        question, line = current
        if answer:
            answer[0] = _ANSWER_MARKER.sub(r"\1\3", answer[0], count=1)
            answer_html = answer_text(answer)
            if answer_html:
                document.faqs.append(FAQItemData(question, answer_html, line))
                return
        document.problems.append(
            LandingPageImportError(f"the question “{question}” has no answer.", line)
        )

    if not questions:
        return
    in_section = True
    for index in range(questions[0], len(blocks)):
        block = blocks[index]
        if found[index]:
            close()
            question = found[index][0]
            problem = _question_problem(question, block.line)
            current, answer = (None, []) if problem else ((question, block.line), [])
            if problem:
                document.problems.append(problem)
            in_section = True
            continue
        if block.kind == "heading":
            close()
            current, answer = None, []
            ends_section = section_level and block.level <= section_level
            in_section = not ends_section
            document.warnings.append(f"line {block.line}: heading “{block.text}” was skipped.")
            continue
        if current is not None and in_section:
            # A <dt> that is not an item (a glossary term) keeps its text.
            answer.append(block.html or f"<p>{escape(block.text)}</p>")
        else:
            document.warnings.append(
                f"line {block.line}: text outside the introduction and the FAQ was skipped."
            )
    close()
    seen = {}
    for item in document.faqs:
        key = item.question.casefold()
        if key in seen:
            document.warnings.append(
                f"line {item.line}: the question “{item.question}” repeats line {seen[key]}."
            )
        seen.setdefault(key, item.line)
