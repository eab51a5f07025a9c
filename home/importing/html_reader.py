"""Read HTML (a saved web page or a fragment pasted from the clipboard) into a
:class:`~badgecms.home.importing.document.SourceDocument`.

How it works: docs/architecture.md, section ``badgecms.home.importing.html_reader``.
"""

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from badgecms.home.importing.document import (
    MAX_NESTING_LEVELS,
    Block,
    LandingPageImportError,
    Link,
    SourceDocument,
    collapse,
    link_action,
    normalise_text,
    refused_link,
)
from badgecms.home.importing.structured_data import faq_page_items

#: Deepest element nesting read (a saved page nests about 15 deep).
MAX_DEPTH = 100
_DROPPED = ["script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg"]
_SITE_CHROME = ["header", "footer"]
_CHROME_ROLES = ("navigation", "banner", "contentinfo", "search")
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_INLINE = {
    "a", "b", "strong", "i", "em", "span", "code", "small", "sup", "sub", "br", "u", "mark",
    "abbr", "cite", "q", "s", "time", "font", "img", "label",
}  # fmt: skip
_OTHER = {"table", "pre", "blockquote"}


def _hidden(tag):
    style = (tag.get("style") or "").replace(" ", "").lower()
    return (
        tag.has_attr("hidden")
        or tag.get("aria-hidden") == "true"
        or "display:none" in style
        or tag.get("role") in _CHROME_ROLES
    )


def _is_toggle(tag):
    return tag.name == "button" or (
        tag.has_attr("aria-controls") and tag.name not in _HEADINGS and tag.name != "a"
    )


class HTMLReader:
    """Turns one HTML text into a SourceDocument; see the module docstring."""

    def __init__(self):
        self.source = SourceDocument()
        self.depth = 0

    def read(self, text):
        text = normalise_text(text)
        soup = BeautifulSoup(text, "html.parser")
        if soup.title and soup.title.string:
            self.source.title = collapse(soup.title.string)
        if self.read_faq_page(text):
            return self.source
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()
        for tag in soup.find_all(_DROPPED):
            tag.decompose()
        # Collapsed accordion panels are hidden until their button opens them: keep them.
        panels = {tag["aria-controls"] for tag in soup.find_all(attrs={"aria-controls": True})}
        for tag in soup.find_all(_hidden):
            if tag.get("id") not in panels or tag.get("role") in _CHROME_ROLES:
                tag.decompose()
        root = (
            soup.find("main")
            or soup.find(attrs={"role": "main"})
            or soup.find("article")
            or soup.body
            or soup
        )
        if root is soup.body or root is soup:
            for tag in root.find_all(_SITE_CHROME):
                tag.decompose()
        self.walk(root)
        return self.source

    def read_faq_page(self, text):
        """Read schema.org ``FAQPage`` data if the page has any; True when it had."""
        items = faq_page_items(text)
        for question, answer, line in items:
            self.source.blocks.append(Block("question", line, question))
            self.walk(BeautifulSoup(answer, "html.parser"), line)
        return bool(items)

    def walk(self, parent, line=None):
        """Read the children of ``parent`` in order. Raises
        :class:`LandingPageImportError` naming the line for elements nested deeper than
        :data:`MAX_DEPTH`, rather than leaving their content out."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LandingPageImportError(
                f"the HTML is nested more than {MAX_DEPTH} elements deep; a FAQ page needs "
                "far less.",
                getattr(parent, "sourceline", None) or line,
            )
        run = []  # inline content outside any paragraph, collected into one
        for child in list(parent.children):
            if (
                isinstance(child, NavigableString)
                or child.name in _INLINE
                and not _is_toggle(child)
            ):
                run.append(child)
                continue
            self.flush(run, parent, line)
            run = []
            self.element(child, line)
        self.flush(run, parent, line)
        self.depth -= 1

    def flush(self, run, parent, line):
        text = "".join(node.get_text() if isinstance(node, Tag) else str(node) for node in run)
        if not collapse(text):
            for node in run:
                if isinstance(node, Tag):
                    self.make_safe(node, line or node.sourceline or 1)
            return
        wrapper = BeautifulSoup("<p></p>", "html.parser").p
        first_line = next((n.sourceline for n in run if isinstance(n, Tag) and n.sourceline), None)
        for node in run:
            wrapper.append(node.extract() if isinstance(node, Tag) else NavigableString(str(node)))
        self.paragraph(wrapper, line or first_line or getattr(parent, "sourceline", None) or 1)

    def element(self, tag, line=None):
        line = line or tag.sourceline or 1
        name = tag.name
        if name in _HEADINGS:
            text = collapse(tag.get_text(" "))
            # A heading holding an accordion button is the button's question.
            kind = "toggle" if tag.find(_is_toggle) else "heading"
            if text:
                self.source.blocks.append(Block(kind, line, text, level=_HEADINGS[name]))
        elif name == "p":
            self.paragraph(tag, line)
        elif name in ("ul", "ol"):
            self.listing(tag, line)
        elif name == "details":
            summary = tag.find("summary")
            if summary is not None:
                self.source.blocks.append(
                    Block("question", line, collapse(summary.extract().get_text(" ")))
                )
            self.walk(tag)
        elif name == "dl":
            for entry in tag.find_all(["dt", "dd"]):
                entry_line = entry.sourceline or line
                if entry.name == "dt":
                    text = collapse(entry.get_text(" "))
                    self.source.blocks.append(Block("term", entry_line, text))
                else:
                    self.walk(entry)
        elif _is_toggle(tag):
            text = collapse(tag.get_text(" "))
            if text:
                self.source.blocks.append(Block("toggle", line, text))
        elif name in _OTHER:
            self.make_safe(tag, line)
            text = collapse(tag.get_text(" "))
            if text:
                self.source.blocks.append(Block("other", line, text, html=str(tag)))
        elif name == "img":
            self.source.warn(line, f"the image “{tag.get('alt') or tag.get('src')}” was left out.")
        elif name == "hr":
            return
        else:  # div, section, figure and anything unknown: read what is inside
            self.walk(tag)

    def paragraph(self, tag, line):
        links = self.make_safe(tag, line)
        text = collapse(tag.get_text(" "))
        if not text:
            return
        strong = [t for t in tag.find_all(["strong", "b"]) if t.get_text(strip=True)]
        bold = bool(strong) and collapse(" ".join(t.get_text(" ") for t in strong)) == text
        italic_parts = list(tag.find_all(["em", "i"]))
        italic = (
            bool(italic_parts) and collapse(" ".join(t.get_text(" ") for t in italic_parts)) == text
        )
        tag.name = "p"
        tag.attrs = {}
        block = Block("paragraph", line, text, html=str(tag), bold=bold, italic=italic, links=links)
        # ``Label: <a href>text</a>``, the template's certification link line.
        if len(links) == 1 and len(tag.find_all("a")) == 1:
            before, _, after = text.partition(links[0].text)
            if before.rstrip().endswith(":") and not after.strip():
                block.label = collapse(before.rstrip()[:-1])
        self.source.blocks.append(block)

    def listing(self, tag, line):
        items = tag.find_all("li", recursive=False)
        anchors = [item.find("a") for item in items]
        if items and all(
            a is not None
            and link_action(a.get("href", "")) == "anchor"
            and collapse(a.get_text()) == collapse(item.get_text())
            for a, item in zip(anchors, items, strict=True)
        ):
            return  # a table of contents
        links = self.make_safe(tag, line)
        text = collapse(tag.get_text(" "))
        if text:
            ordered = len(items) if tag.name == "ol" else 0
            self.source.blocks.append(
                Block("list", line, text, html=str(tag), ordered_items=ordered, links=links)
            )

    def check_nesting(self, tag, line):
        """Refuse, naming the line, a list or quote nested deeper than the rich text
        editor keeps (:data:`MAX_NESTING_LEVELS`), rather than losing part of it."""
        deepest, elements, stack = 0, 0, [(tag, 0, 0)]
        while stack:
            node, depth, element_depth = stack.pop()
            if node.name in ("ul", "ol", "blockquote"):
                depth += 1
                deepest = max(deepest, depth)
            elements = max(elements, element_depth)
            stack.extend(
                (child, depth, element_depth + 1)
                for child in node.children
                if isinstance(child, Tag)
            )
        if elements > 4 * MAX_NESTING_LEVELS:
            raise LandingPageImportError(
                f"the markup is nested {elements} elements deep; at most "
                f"{4 * MAX_NESTING_LEVELS} are accepted.",
                line,
            )
        if deepest > MAX_NESTING_LEVELS:
            raise LandingPageImportError(
                f"a list or quote is nested {deepest} levels deep; at most "
                f"{MAX_NESTING_LEVELS} are accepted: flatten it.",
                line,
            )

    def make_safe(self, tag, line):
        """Leave images out and unwrap relative links inside ``tag``; collect refused
        schemes as problems. Returns the links kept."""
        kept = []
        self.check_nesting(tag, line)
        for image in [tag] if tag.name == "img" else tag.find_all("img"):
            self.source.warn(
                image.sourceline or line,
                f"the image “{image.get('alt') or image.get('src')}” was left out.",
            )
            image.decompose()
        for anchor in tag.find_all("a"):
            href = anchor.get("href", "")
            anchor_line = anchor.sourceline or line
            action = link_action(href)
            if action == "keep":
                anchor.attrs = {"href": href.strip()}
                kept.append(Link(collapse(anchor.get_text()), href.strip()))
                continue
            if action == "refuse":
                self.source.problems.append(refused_link(href, anchor_line))
            elif href:
                self.source.warn(anchor_line, f"the link to {href!r} became plain text.")
            anchor.unwrap()
        for element in tag.find_all(True):
            if element.name != "a":
                element.attrs = {}
        return kept


def read_html(text):
    """Read HTML ``text`` into a :class:`SourceDocument` (see the module docstring).
    Refused link schemes are collected in ``problems``; what is left out (images,
    relative links) is in ``warnings``, each naming the source line."""
    return HTMLReader().read(text)


def looks_like_html(text):
    """True when ``text`` is an HTML page or fragment rather than Markdown: it starts
    with a tag and closes a block element (``</p>``, ``</h2>``, ``</li>``, ``</div>``…)."""
    head = text.lstrip("\ufeff \n\r\t")[:2000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    if not head.startswith("<") or head.startswith("<!--"):
        return False
    closing = ("</p>", "</h1>", "</h2>", "</h3>", "</h4>", "</li>", "</div>", "</dd>")
    return any(tag in text.lower() for tag in closing) and "\n#" not in text
