"""The intermediate document every reader produces, and what the finder makes of it.

How it works: docs/architecture.md, section ``badgecms.home.importing.document``.
"""

from dataclasses import dataclass, field

from badgecms.home.validators import RICH_TEXT_LINK_SCHEMES, url_scheme

#: Deepest list (or quote) nesting read, in levels. Deeper nesting is refused by line
#: rather than cut off (markdown-it stops reading at its nesting limit without a word,
#: and the rich text exporter recurses once per level).
MAX_NESTING_LEVELS = 10
_CLOSERS = "\"'”’»)]*_ "
# Characters that look like a space; each becomes a plain space.
_SPACES = {ord(char): " " for char in "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2009"}


class LandingPageImportError(Exception):
    """The document cannot be imported; ``str(error)`` is one sentence for the user."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class Link:
    """An absolute link found in a block: its words and its target."""

    text: str
    href: str


@dataclass
class Block:
    """One block of a source document.

    ``kind`` is ``heading`` (with ``level`` 1–6), ``paragraph``, ``list``, ``other``
    (quote, code, table), ``question`` (a question given as such by the markup:
    ``<summary>``, schema.org ``Question``), ``term`` (a ``<dt>``: a question only when
    it asks, else a glossary term) or ``toggle`` (an accordion button). ``html`` is a
    fragment holding only safe markup: relative links already unwrapped, images left out,
    raw HTML as text.
    """

    kind: str
    line: int
    text: str
    html: str = ""
    level: int = 0
    bold: bool = False  # the whole paragraph is bold (or strong)
    italic: bool = False  # the whole paragraph is italic: guidance in the template
    ordered_items: int = 0  # items of an ordered list
    links: list[Link] = field(default_factory=list)
    #: ``Label: [text](url)``: the label when the paragraph is exactly that.
    label: str = ""


@dataclass
class SourceDocument:
    """What a reader found: the blocks in order, a title from the front matter or the
    HTML ``<title>``, and warnings/problems already met while reading."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[LandingPageImportError] = field(default_factory=list)

    def warn(self, line, message):
        self.warnings.append(f"line {line}: {message}")


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


def normalise_text(text):
    """Drop a byte-order mark, turn CRLF/CR into LF and look-alike spaces into spaces,
    and strip trailing whitespace from every line (a line holding one space becomes
    empty). Typographic quotes and all other characters are kept."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACES)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def is_question_text(text):
    """True when ``text`` reads as a question: it ends in ``?`` or ``？`` (closing quotes,
    brackets and emphasis aside) or opens with ``¿``."""
    return text.rstrip(_CLOSERS).endswith(("?", "？")) or text.lstrip().startswith("¿")


def collapse(text):
    """``text`` with runs of whitespace turned into one space, stripped."""
    return " ".join(text.translate(_SPACES).split())


def link_action(href):
    """What to do with a link to ``href``: ``"keep"`` (``http``, ``https``, ``mailto``),
    ``"anchor"`` (``#…`` in the page), ``"relative"`` (a path such as ``more.md`` or
    ``/about/``; neither can work on the landing page, so both become plain text) or
    ``"refuse"`` (any other scheme, or a colon that hides one: ``java\\tscript:``)."""
    href = (href or "").strip()
    scheme = url_scheme(href)
    if scheme in RICH_TEXT_LINK_SCHEMES:
        return "keep"
    if scheme:
        return "refuse"
    head = href.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" in head:
        return "refuse"
    return "anchor" if href.startswith("#") or not href else "relative"


def refused_link(href, line):
    """The :class:`LandingPageImportError` for a link whose scheme is refused."""
    scheme = url_scheme(href)
    what = f"link scheme {scheme}: refused" if scheme else f"link {href!r} refused"
    return LandingPageImportError(
        f"{what}; links must start with {', '.join(s + ':' for s in RICH_TEXT_LINK_SCHEMES)}.",
        line,
    )
