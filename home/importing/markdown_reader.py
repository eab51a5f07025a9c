"""Read Markdown and plain text (CommonMark, markdown-it-py) into a
:class:`~badgecms.home.importing.document.SourceDocument`.

How it works: docs/architecture.md, section ``badgecms.home.importing.markdown_reader``.
"""

import re
from copy import copy

import yaml
from bs4 import BeautifulSoup, Comment
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from badgecms.home.importing.document import (
    MAX_NESTING_LEVELS,
    Block,
    LandingPageImportError,
    Link,
    SourceDocument,
    collapse,
    is_question_text,
    link_action,
    normalise_text,
    refused_link,
)

_NESTING_OPEN = {"bullet_list_open", "ordered_list_open", "blockquote_open"}
_NESTING_CLOSE = {"bullet_list_close", "ordered_list_close", "blockquote_close"}
_KRAMDOWN_ATTRIBUTES = re.compile(r"\{:[^{}\n]*\}")
#: A ``Q:``/``A:`` marker starting a line inside a paragraph: the paragraph is split there.
_PAIR_MARKER = re.compile(r"^\s*(?:Q|A|Q\d+)\s*[:：.]", re.IGNORECASE)


def _markdown():
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 100})
    md.use(front_matter_plugin)
    # Accept every link target while parsing, so that refused schemes are reported by
    # line instead of silently turned into text by markdown-it's own filter.
    md.validateLink = lambda url: True
    return md


def _top_level_blocks(tokens):
    """Group top-level tokens into (tokens, first line, deepest list/quote nesting)."""
    blocks, current, depth, nesting, deepest = [], [], 0, 0, 0
    for token in tokens:
        current.append(token)
        depth += token.nesting
        if token.type in _NESTING_OPEN:
            nesting += 1
            deepest = max(deepest, nesting)
        elif token.type in _NESTING_CLOSE:
            nesting -= 1
        if depth == 0:
            line = next((t.map[0] + 1 for t in current if t.map), None)
            blocks.append((current, line, deepest))
            current, deepest = [], 0
    return blocks


def _text(token):
    return Token("text", "", 0, content=token.content)


class MarkdownReader:
    """Turns one Markdown text into a SourceDocument; see the module docstring."""

    def __init__(self):
        self.md = _markdown()
        self.source = SourceDocument()

    def read(self, text):
        text = normalise_text(text)
        tokens = self.md.parse(text)
        last_read = 0
        for tokens_of_block, line, deepest in _top_level_blocks(tokens):
            last_read = max([last_read, *(t.map[1] for t in tokens_of_block if t.map)])
            if deepest > MAX_NESTING_LEVELS:
                raise LandingPageImportError(
                    f"a list or quote is nested {deepest} levels deep; at most "
                    f"{MAX_NESTING_LEVELS} are accepted: flatten it.",
                    line,
                )
            self.read_block(tokens_of_block, line)
        remaining = [n for n, content in enumerate(text.split("\n"), 1) if content.strip()]
        if remaining and remaining[-1] > last_read:
            stop = next(n for n in remaining if n > last_read)
            raise LandingPageImportError(
                "the document cannot be read from this line on (too deeply nested).", stop
            )
        return self.source

    def read_block(self, tokens, line):
        opening = tokens[0]
        if opening.type == "front_matter":
            self.read_front_matter(opening.content)
        elif opening.type == "html_block":
            self.read_html_block(opening.content, line)
        elif opening.type == "hr":
            return
        elif opening.type == "heading_open":
            inline = self.clean_inline(tokens[1], line)
            text = collapse(self.plain(inline))
            if text:
                self.add(Block("heading", line, text, level=int(opening.tag[1])))
        elif opening.type == "paragraph_open":
            for part_line, children in self.split_pairs(tokens[1], line):
                self.read_paragraph(children, part_line)
        else:
            self.read_container(tokens, line)

    def read_front_matter(self, content):
        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError:
            return
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            self.source.title = collapse(data["title"])

    def read_html_block(self, content, line):
        soup = BeautifulSoup(content, "html.parser")
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()
        elements = soup.find_all(True, recursive=False)
        if not soup.get_text(strip=True) and not elements:
            return  # an HTML comment: dropped
        if elements and all(
            element.has_attr("hidden") or element.get("aria-hidden") == "true"
            for element in elements
        ):
            return  # hidden keywords for search engines: not page content
        if not soup.get_text(strip=True) and all(e.name == "img" for e in elements):
            self.source.warn(line, "an image was left out; add it in the admin.")
            return
        self.source.warn(line, "raw HTML was kept as plain text.")
        html = "".join(f"<p>{_escape(part)}</p>" for part in content.strip().split("\n"))
        self.add(Block("paragraph", line, collapse(content), html=html))

    def read_paragraph(self, children, line):
        if self.is_navigation(children):
            return
        inline = Token("inline", "", 0, children=children)
        inline = self.clean_inline(inline, line)
        text = collapse(self.plain(inline))
        if not text:
            return
        html = f"<p>{self.md.renderer.renderInline(inline.children, self.md.options, {})}</p>"
        block = Block("paragraph", line, text, html=html, links=self.links(inline))
        meaningful = [c for c in inline.children if c.type != "text" or c.content.strip()]
        if meaningful:
            first, last = meaningful[0].type, meaningful[-1].type
            block.bold = first == "strong_open" and last == "strong_close"
            block.italic = (first, last) == ("em_open", "em_close") and all(
                c.type not in ("link_open",) for c in meaningful
            )
            if (
                meaningful[0].type == "text"
                and meaningful[0].content.rstrip().endswith(":")
                and len(meaningful) >= 3
                and meaningful[1].type == "link_open"
                and meaningful[-1].type == "link_close"
                and sum(c.type == "link_open" for c in meaningful) == 1
            ):
                block.label = collapse(meaningful[0].content.rstrip()[:-1])
        self.add(block)

    def read_container(self, tokens, line):
        """A list, quote, code block or table: one block, inline content cleaned."""
        inlines = [t for t in tokens if t.type == "inline"]
        if (
            tokens[0].type in ("bullet_list_open", "ordered_list_open")
            and inlines
            and all(self.is_navigation(t.children or []) for t in inlines)
        ):
            return  # a table of contents: in-page links only
        links = []
        for position, token in enumerate(tokens):
            if token.type == "inline":
                token_line = token.map[0] + 1 if token.map else line
                tokens[position] = self.clean_inline(token, token_line)
                links += self.links(tokens[position])
        html = self.md.renderer.render(tokens, self.md.options, {})
        text = collapse(" ".join(self.plain(t) for t in tokens if t.type == "inline"))
        if tokens[0].type in ("fence", "code_block"):
            text = collapse(tokens[0].content)
        if not text:
            return
        kind = "list" if tokens[0].type.endswith("list_open") else "other"
        items = sum(t.type == "list_item_open" and t.level == 1 for t in tokens)
        ordered = items if tokens[0].type == "ordered_list_open" else 0
        self.add(Block(kind, line, text, html=html, ordered_items=ordered, links=links))

    def add(self, block):
        self.source.blocks.append(block)

    def split_pairs(self, inline, line):
        """Split a paragraph where a question line ends (its first line asks, or ``Q:``
        starts a line) and before each ``A:`` line: consecutive question and answer lines
        as in pasted text. Yields (line, children) parts, each with its markup balanced:
        emphasis or a link open across a split is closed at the end of one part and opened
        again at the start of the next (``*a\nA: b*`` gives ``<em>a</em>`` and
        ``<em>A: b</em>``)."""
        still_open = []
        for part_line, part in self._split_pairs(inline, line):
            reopened = [copy(token) for token in still_open]
            for token in part:
                if token.nesting == 1:
                    still_open.append(token)
                elif token.nesting == -1 and still_open:
                    still_open.pop()
            closing = [
                Token(token.type.replace("_open", "_close"), token.tag, -1)
                for token in reversed(still_open)
            ]
            yield part_line, reopened + part + closing

    def _split_pairs(self, inline, line):
        part, part_line, current_line = [], line, line
        for child in inline.children or []:
            if child.type == "softbreak":
                current_line += 1
                first_line_asks = not any(c.type == "softbreak" for c in part) and (
                    is_question_text(self.plain(Token("inline", "", 0, children=part)))
                )
                if part and first_line_asks:
                    yield part_line, part
                    part, part_line = [], current_line
                    continue
            if (
                part
                and part[-1].type == "softbreak"
                and child.type == "text"
                and (_PAIR_MARKER.match(child.content))
            ):
                yield part_line, part[:-1]
                part, part_line = [], current_line
            part.append(child)
        if part:
            yield part_line, part

    @staticmethod
    def is_navigation(children):
        """Only a link to an anchor in the page ("Return to top", a contents entry)."""
        meaningful = [c for c in children if c.type != "text" or c.content.strip()]
        return (
            len(meaningful) >= 2
            and meaningful[0].type == "link_open"
            and meaningful[-1].type == "link_close"
            and sum(c.type == "link_open" for c in meaningful) == 1
            and link_action(meaningful[0].attrs.get("href", "")) == "anchor"
        )

    def clean_inline(self, inline, line):
        """Return ``inline`` with raw HTML as text, images left out, kramdown attributes
        dropped and relative links unwrapped; warnings and problems name ``line``."""
        children, skip_close = [], []
        for child in inline.children or []:
            if child.type == "html_inline":
                if not child.content.startswith("<!--"):
                    self.source.warn(line, f"raw HTML {child.content[:40]!r} was kept as text.")
                    children.append(_text(child))
                continue
            if child.type == "image":
                name = collapse("".join(c.content for c in child.children or []))
                name = name or child.attrs.get("src", "")
                self.source.warn(
                    line, f"the image “{name}” was left out." if name else "an image was left out."
                )
                continue
            if child.type == "text":
                child.content = _KRAMDOWN_ATTRIBUTES.sub("", child.content)
            if child.type == "link_open":
                href = child.attrs.get("href", "")
                action = link_action(href)
                if action == "refuse":
                    self.source.problems.append(refused_link(href, line))
                if action != "keep":
                    if action in ("anchor", "relative"):
                        self.source.warn(line, f"the link to {href!r} became plain text.")
                    skip_close.append(True)
                    continue
                skip_close.append(False)
            if child.type == "link_close" and skip_close and skip_close.pop():
                continue
            children.append(child)
        while (
            children
            and children[-1].type in ("softbreak", "hardbreak")
            or (children and children[-1].type == "text" and not children[-1].content.strip())
        ):
            children.pop()
        for child in children:
            if child.type == "hardbreak":
                child.type = "softbreak"
        inline.children = children
        return inline

    @staticmethod
    def plain(inline):
        parts = []
        for child in inline.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        return "".join(parts)

    @staticmethod
    def links(inline):
        found, href, words = [], None, []
        for child in inline.children or []:
            if child.type == "link_open":
                href, words = child.attrs.get("href", ""), []
            elif child.type == "link_close" and href is not None:
                found.append(Link(collapse("".join(words)), href.strip()))
                href = None
            elif href is not None and child.type in ("text", "code_inline"):
                words.append(child.content)
        return found


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def read_markdown(text):
    """Read Markdown ``text`` into a :class:`SourceDocument`.

    Raises :class:`LandingPageImportError` naming the line when the document cannot be
    read to its end (lists nested deeper than :data:`MAX_NESTING_LEVELS`). Refused link
    schemes are collected in ``problems``; what is left out is in ``warnings``.
    """
    return MarkdownReader().read(text)
