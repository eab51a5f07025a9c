"""Import a badge landing page from a Markdown document (the customer's template).

The document is parsed with markdown-it-py (CommonMark, raw HTML disabled, so any HTML in
the text stays inert text) and read by walking its block tokens:

- italic-only paragraphs before the first heading are guidance for the customer and are
  skipped;
- an optional ``# Title``;
- the first heading that is not followed by a question is the intro heading, and the
  blocks after it are the intro (links kept);
- a paragraph ``<label>: [<text>](<url>)`` is a certification link;
- the heading just before the first question is the FAQ heading;
- a question is a heading ``### Q: …`` or a paragraph ``**Q: …**``; the blocks after
  it, the first starting ``A:``, are its answer.

:func:`parse_landing_page` turns text into a :class:`LandingPageDocument` and
:func:`save_landing_page` writes it as a new revision of a
:class:`~badgecms.home.models.BadgeLandingPage`. Both raise :class:`LandingPageImportError` with
one sentence naming the line for bad input; the write is one transaction.
"""

import copy
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from markdown_it import MarkdownIt
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.blocks import StreamValue
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from badgecms.faq.blocks import ANSWER_FEATURES
from badgecms.home.importing.word_documents import WordDocumentError, docx_to_markdown
from badgecms.home.models import INTRO_FEATURES, BadgeLandingPage, CertificationLink
from badgecms.home.validators import RICH_TEXT_LINK_SCHEMES, url_scheme, validate_http_url

DEFAULT_TITLE = "Digital Badges"
QUESTION_MAX_LENGTH = 255
EXPECTED_STRUCTURE = (
    "expected FAQ items as '### Q: …' headings (or '**Q: …**' paragraphs), each followed "
    "by an 'A: …' answer"
)
# Characters that look like a space; each becomes a plain space.
_SPACES = {ord(char): " " for char in "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2009"}


class LandingPageImportError(Exception):
    """The document cannot be imported; ``str(error)`` is one sentence for the user."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class CertificationLinkData:
    label: str
    text: str
    url: str
    line: int


@dataclass
class FAQItemData:
    question: str
    answer: str  # Wagtail rich text, database format
    line: int


@dataclass
class LandingPageDocument:
    """What a document holds, ready to be written to a page."""

    title: str = ""
    intro_heading: str = ""
    intro: str = ""
    certification_links: list[CertificationLinkData] = field(default_factory=list)
    faq_heading: str = ""
    faqs: list[FAQItemData] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Problems that forbid saving, in document order (see ``collect_problems``).
    problems: list[LandingPageImportError] = field(default_factory=list)


@dataclass
class ImportResult:
    page: BadgeLandingPage
    created: bool
    published: bool
    document: LandingPageDocument

    @property
    def summary(self):
        """``"Imported 13 FAQ items, 1 certification link into /path/ (draft)"``."""
        faqs = len(self.document.faqs)
        links = len(self.document.certification_links)
        where = self.page.get_url() or self.page.url_path
        return (
            f"Imported {faqs} FAQ item{'s' * (faqs != 1)}, "
            f"{links} certification link{'s' * (links != 1)} into {where} "
            f"({'published' if self.published else 'draft'})"
        )


def normalise_text(text):
    """Drop a byte-order mark, turn CRLF/CR into LF and look-alike spaces into spaces,
    and strip trailing whitespace from every line (a line holding one space becomes
    empty). Typographic quotes and all other characters are kept."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACES)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def read_document(path):
    """Return the Markdown text of the file at ``path`` (see :func:`decode_document`).

    Raises :class:`LandingPageImportError` when it cannot be read or decoded.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise LandingPageImportError(f"cannot read {path}: {error.strerror or error}.") from error
    return decode_document(raw, str(path))


#: Longest document accepted, in characters (the customer's template has about 6,000).
#: Parsing time grows faster than the size, so the limit keeps an upload from tying up a
#: worker.
MAX_DOCUMENT_CHARACTERS = 100_000


def _limit_size(text, name):
    if len(text) > MAX_DOCUMENT_CHARACTERS:
        raise LandingPageImportError(
            f"{name} holds {len(text):,} characters; at most {MAX_DOCUMENT_CHARACTERS:,} are "
            "accepted (a landing page template has about 6,000)."
        )
    return text


def decode_document(raw, name):
    """Return the Markdown text of a document's bytes ``raw``; ``name`` is its file name.

    A ``.docx`` name is converted from Word (see
    :func:`badgecms.home.importing.word_documents.docx_to_markdown`);
    anything else must be UTF-8 text. Raises :class:`LandingPageImportError` for a Word
    file that cannot be read, or text that is not UTF-8 or holds NUL bytes.
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
        raise LandingPageImportError(f"{name} is a binary file, not a Markdown document.")
    return _limit_size(text, name)


def _markdown():
    md = MarkdownIt("commonmark", {"html": False})
    # Accept every link target while parsing, so that refused schemes are reported by
    # line instead of silently turned into text by markdown-it's own filter.
    md.validateLink = lambda url: True
    return md


def _blocks(tokens):
    """Group top-level tokens into blocks (lists of tokens) with their first line."""
    blocks, current, depth = [], [], 0
    for token in tokens:
        current.append(token)
        depth += token.nesting
        if depth == 0:
            line = next((t.map[0] + 1 for t in current if t.map), None)
            blocks.append((current, line))
            current = []
    return blocks


def _inline(block):
    return next((token for token in block if token.type == "inline"), None)


def _plain(inline):
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _strip_prefix(text, prefix):
    """Return ``text`` without a leading ``Q:``/``A:`` style prefix, or None if absent."""
    head = text.lstrip()
    if head[: len(prefix)].upper() == prefix.upper():
        return head[len(prefix) :].lstrip()
    return None


def _question_of(block):
    """Return the question text if ``block`` is a question heading or bold paragraph."""
    opening, inline = block[0], _inline(block)
    if inline is None:
        return None
    if opening.type == "heading_open":
        return _strip_prefix(_plain(inline), "Q:")
    if opening.type == "paragraph_open":
        children = [
            c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())
        ]
        if (
            len(children) >= 3
            and children[0].type == "strong_open"
            and children[-1].type == "strong_close"
        ):
            return _strip_prefix(_plain(inline), "Q:")
    return None


def _is_guidance(block):
    """An italic-only paragraph: instructions to the customer, not page content."""
    inline = _inline(block)
    if block[0].type != "paragraph_open" or inline is None:
        return False
    depth, has_text = 0, False
    for child in inline.children or []:
        if child.type == "em_open":
            depth += 1
        elif child.type == "em_close":
            depth -= 1
        elif child.type == "text" and child.content.strip():
            if depth == 0:
                return False
            has_text = True
        elif child.type not in ("text", "softbreak", "hardbreak") and depth == 0:
            return False
    return has_text


def _certification_link(block, line):
    """Return a CertificationLinkData for a ``<label>: [<text>](<url>)`` paragraph."""
    inline = _inline(block)
    if block[0].type != "paragraph_open" or inline is None:
        return None
    children = list(inline.children or [])
    while children and children[-1].type == "text" and not children[-1].content.strip():
        children.pop()
    if (
        len(children) < 4
        or children[0].type != "text"
        or not children[0].content.rstrip().endswith(":")
        or children[1].type != "link_open"
        or children[-1].type != "link_close"
        or any(child.type in ("link_open", "link_close") for child in children[2:-1])
    ):
        return None
    label = " ".join(children[0].content.rstrip()[:-1].split())
    text = " ".join("".join(c.content for c in children[2:-1] if c.type == "text").split())
    url = children[1].attrs.get("href", "")
    if not label:
        return None
    try:
        validate_http_url(url)
    except ValidationError as error:
        scheme = url_scheme(url)
        reason = f"link scheme {scheme}: refused" if scheme else "not a web address"
        raise LandingPageImportError(
            f"certification link “{label}”: {reason} ({url!r}); {error.messages[0]}", line
        ) from error
    return CertificationLinkData(label=label, text=text or label, url=url.strip(), line=line)


def _check_links(block, line):
    for token in block:
        for child in token.children or []:
            if child.type == "image":
                raise LandingPageImportError(
                    "images cannot be imported from the document; add them in the admin "
                    "after the import.",
                    line,
                )
            if child.type != "link_open":
                continue
            href = child.attrs.get("href", "")
            scheme = url_scheme(href)
            if scheme not in RICH_TEXT_LINK_SCHEMES:
                what = f"link scheme {scheme}: refused" if scheme else f"link {href!r} refused"
                raise LandingPageImportError(
                    f"{what}; links must start with "
                    f"{', '.join(s + ':' for s in RICH_TEXT_LINK_SCHEMES)}.",
                    line,
                )


def _without_answer_prefix(block):
    """Return a copy of ``block`` with the leading ``A:`` (plain or bold) removed, and
    whether there was one."""
    block = copy.deepcopy(block)
    inline = _inline(block)
    if inline is None or not inline.children:
        return block, False
    children = inline.children
    while len(children) > 1 and children[0].type == "text" and not children[0].content:
        del children[0]
    if children[0].type == "text":
        rest = _strip_prefix(children[0].content, "A:")
        if rest is not None:
            children[0].content = rest
            return block, True
    if (
        len(children) >= 3
        and children[0].type in ("strong_open", "em_open")
        and children[1].type == "text"
        and children[1].content.strip().upper() == "A:"
    ):
        del children[:3]
        if children and children[0].type == "text":
            children[0].content = children[0].content.lstrip()
        return block, True
    return block, False


class _RichTextBuilder:
    """Renders token blocks to HTML and stores them in Wagtail's database format through
    Wagtail's own editor converter, so imported rich text obeys the same allow-list as
    text typed in the admin."""

    def __init__(self, md, features):
        self.md = md
        self.converter = ContentstateConverter(features=features)

    def __call__(self, blocks):
        tokens = [token for block in blocks for token in block]
        if not tokens:
            return ""
        html = self.md.renderer.render(tokens, self.md.options, {})
        return self.converter.to_database_format(self.converter.from_database_format(html))


def _question_problem(question, line):
    """Return a :class:`LandingPageImportError` for an empty or too long question."""
    if not question:
        return LandingPageImportError("a question is empty.", line)
    if len(question) > QUESTION_MAX_LENGTH:
        return LandingPageImportError(
            f"the question is {len(question)} characters long; at most "
            f"{QUESTION_MAX_LENGTH} are allowed.",
            line,
        )
    return None


def parse_landing_page(text, *, collect_problems=False):
    """Parse Markdown ``text`` into a :class:`LandingPageDocument`.

    Problems that forbid saving (a refused link scheme, a question without an answer or
    too long, no FAQ item at all) are :class:`LandingPageImportError` instances naming
    the line. By default the first one is raised. With ``collect_problems=True`` all of
    them are returned in ``document.problems`` (document order) and nothing is raised,
    so that a preview can list them; :func:`save_landing_page` refuses such a document.
    """
    md = _markdown()
    text = normalise_text(text)
    document = LandingPageDocument()
    problems = document.problems
    blocks = _blocks(md.parse(text))
    questions = [_question_of(block) for block, _ in blocks]

    intro_blocks, answer_blocks = [], []
    section = "preamble"
    current_question = None

    def close_question():
        nonlocal current_question, answer_blocks
        if current_question is None:
            return
        question, line = current_question
        if answer_blocks:
            document.faqs.append(
                FAQItemData(question=question, answer=answer_builder(answer_blocks), line=line)
            )
        else:
            problems.append(
                LandingPageImportError(f"the question “{question}” has no answer.", line)
            )
        current_question, answer_blocks = None, []

    intro_builder = _RichTextBuilder(md, INTRO_FEATURES)
    answer_builder = _RichTextBuilder(md, ANSWER_FEATURES)

    for index, (block, line) in enumerate(blocks):
        opening = block[0]
        question = questions[index]
        if question is not None:
            close_question()
            problem = _question_problem(question, line)
            if problem:
                # The answer of a refused question is dropped without further warnings.
                problems.append(problem)
                section = "refused question"
                continue
            section = "faq"
            current_question = (question, line)
            continue

        if opening.type == "heading_open":
            heading = _plain(_inline(block))
            next_is_question = index + 1 < len(questions) and questions[index + 1] is not None
            if next_is_question:
                close_question()
                document.faq_heading = heading
                section = "faq"
            elif opening.tag == "h1" and not document.title and section == "preamble":
                document.title = heading
            elif section == "preamble" and not document.intro_heading:
                document.intro_heading = heading
                section = "intro"
            elif section == "intro" and opening.tag in ("h3", "h4", "h5", "h6"):
                intro_blocks.append(block)
            else:
                close_question()
                document.warnings.append(f"line {line}: heading “{heading}” was skipped.")
                section = "skipped"
            continue

        try:
            _check_links(block, line)
            link = None
            if section == "preamble" and not document.intro_heading and _is_guidance(block):
                continue
            if section in ("preamble", "intro"):
                link = _certification_link(block, line)
        except LandingPageImportError as problem:
            problems.append(problem)
            continue
        if section in ("preamble", "intro"):
            if link:
                document.certification_links.append(link)
            else:
                intro_blocks.append(block)
        elif section == "faq":
            if current_question is None:
                document.warnings.append(
                    f"line {line}: text before the first question was skipped."
                )
                continue
            if not answer_blocks:
                block, _ = _without_answer_prefix(block)
            answer_blocks.append(block)
        elif section == "skipped":
            document.warnings.append(f"line {line}: text under a skipped heading was skipped.")

    close_question()
    if not any(question is not None for question in questions):
        problems.append(
            LandingPageImportError(f"No landing page found in the document: {EXPECTED_STRUCTURE}.")
        )
    if problems and not collect_problems:
        raise problems[0]
    document.intro = intro_builder(intro_blocks)
    seen = {}
    for item in document.faqs:
        key = item.question.casefold()
        if key in seen:
            document.warnings.append(
                f"line {item.line}: the question “{item.question}” repeats line {seen[key]}."
            )
        seen.setdefault(key, item.line)
    return document


def _resolve_parent(parent):
    """Return the parent Page for ``parent``: a Page, a page id, a URL path on the
    default site (``/`` is the site's root page), or None for the default site root."""
    if isinstance(parent, Page):
        return parent
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if parent in (None, ""):
        return site.root_page if site else Page.get_first_root_node()
    parent = str(parent).strip()
    if parent.isdigit():
        page = Page.objects.filter(id=int(parent)).first()
        if page is None:
            raise LandingPageImportError(f"no page has the id {parent} (--parent).")
        return page
    if site is None:
        raise LandingPageImportError("there is no default site to resolve --parent against.")
    components = [component for component in parent.split("/") if component]
    page = site.root_page
    for component in components:
        page = page.get_children().filter(slug=component).first()
        if page is None:
            raise LandingPageImportError(f"no page is at the path {parent} (--parent).")
    return page


def _existing_page(slug, parent):
    if parent is not None:
        page = parent.get_children().filter(slug=slug).first()
        pages = [page] if page else []
    else:
        pages = list(Page.objects.filter(slug=slug)[:2])
    if len(pages) > 1:
        raise LandingPageImportError(
            f"several pages have the slug “{slug}”; pass --parent to choose one."
        )
    if not pages:
        return None
    page = pages[0].specific
    if not isinstance(page, BadgeLandingPage):
        raise LandingPageImportError(
            f"the page with the slug “{slug}” is a {page.specific_class._meta.verbose_name}, "
            "not a badge landing page."
        )
    return page


def _stream(document, previous):
    """FAQ items as StreamField data, reusing the block id of an unchanged question so
    that anchors and API ids stay stable across imports."""
    ids = {}
    if previous is not None:
        for item in previous.faq_sources():
            ids.setdefault(item["question"], item["id"])
    stream = []
    for item in document.faqs:
        value = {"question": item.question, "answer": RichText(item.answer)}
        block_id = ids.pop(item.question, None)
        stream.append(("faq", value, block_id) if block_id else ("faq", value))
    return stream


@transaction.atomic
def save_landing_page(document, *, slug=None, parent=None, title=None, publish=False, user=None):
    """Write ``document`` as a new revision of the landing page at ``slug``.

    Creates the page under ``parent`` (see :func:`_resolve_parent`) when no page has the
    slug, otherwise updates it; either way exactly one revision is added, published
    when ``publish`` is true, left as a draft otherwise. Returns an :class:`ImportResult`.
    Raises :class:`LandingPageImportError` (the first of ``document.problems`` for a
    document parsed with ``collect_problems=True``); the transaction leaves the database
    as it was on any error.
    """
    if document.problems:
        raise document.problems[0]
    title = title or document.title
    slug = slug or slugify(title or DEFAULT_TITLE)
    if not slug:
        raise LandingPageImportError("the slug is empty; pass --slug.")
    explicit_parent = _resolve_parent(parent) if parent not in (None, "") else None
    existing = _existing_page(slug, explicit_parent)

    if existing is not None:
        page = existing.get_latest_revision_as_object()
        previous = page
        if title:
            page.title = title
    else:
        previous = None
        page = BadgeLandingPage(title=title or DEFAULT_TITLE, slug=slug, live=False)

    page.intro_heading = document.intro_heading or BadgeLandingPage.intro_heading.field.default
    page.intro = document.intro
    page.faq_heading = document.faq_heading or BadgeLandingPage.faq_heading.field.default
    page.faqs = StreamValue(page.faqs.stream_block, _stream(document, previous))
    page.certification_links = [
        CertificationLink(label=link.label, text=link.text, url=link.url, sort_order=number)
        for number, link in enumerate(document.certification_links)
    ]
    try:
        if existing is None:
            (explicit_parent or _resolve_parent(None)).add_child(instance=page)
        else:
            page.full_clean()
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    except ValidationError as error:
        messages = [
            f"{name}: {message}" if name != "__all__" else message
            for name, errors in error.message_dict.items()
            for message in errors
        ]
        raise LandingPageImportError(f"the page is not valid: {'; '.join(messages)}") from error
    page.refresh_from_db()
    return ImportResult(page=page, created=existing is None, published=publish, document=document)
