"""Build real Word (.docx) files for tests with python-docx, from simple Markdown."""

import io
import re

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _add_hyperlink(paragraph, text, url):
    relation_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def markdown_to_docx(markdown):
    """Return the bytes of a .docx holding ``markdown``'s blocks the way an editor would
    type them in Word: ``#``-headings as Word headings, ``*…*`` paragraphs in italics,
    ``[text](url)`` as hyperlinks, other paragraphs as plain text."""
    document = Document()
    for block in re.split(r"\n\s*\n", markdown):
        block = " ".join(block.split())
        if not block:
            continue
        heading = re.match(r"^(#{1,6}) (.*)$", block)
        if heading:
            document.add_heading(heading.group(2), level=len(heading.group(1)))
            continue
        paragraph = document.add_paragraph()
        if block.startswith("*") and block.endswith("*"):
            paragraph.add_run(block.replace("*", "")).italic = True
            continue
        position = 0
        for link in _LINK.finditer(block):
            paragraph.add_run(block[position : link.start()])
            _add_hyperlink(paragraph, link.group(1), link.group(2))
            position = link.end()
        paragraph.add_run(block[position:])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
