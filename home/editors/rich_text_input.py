"""The rich text input of the landing page's intro and FAQ answers: Wagtail's Draftail
widget, made to refuse rather than silently drop what it cannot store (case C23).

How it works: docs/architecture.md, section ``badgecms.home.editors.rich_text_input``.
"""

import functools
import json
from html import escape

from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from badgecms.home.validators import NOT_EDITOR_INPUT, RICH_TEXT_LINK_SCHEMES, url_scheme


def refused_links(contentstate):
    """The URLs (strings) of the links in Draftail ``contentstate`` (a dict) whose scheme
    is not allowed in rich text, in entity order."""
    refused = []
    for entity in contentstate.get("entityMap", {}).values():
        if entity.get("type") != "LINK":
            continue
        url = (entity.get("data") or {}).get("url") or ""
        scheme = url_scheme(url)
        if scheme and scheme not in RICH_TEXT_LINK_SCHEMES:
            refused.append(url)
    return refused


@functools.lru_cache(maxsize=64)
def _converter(features):
    return ContentstateConverter(list(features))


@functools.lru_cache(maxsize=4096)
def database_format(features, contentstate_json):
    """Wagtail's database format (``str``) of Draftail ``contentstate_json`` (``str``) for
    the rich text ``features`` (a tuple of names). Memoised: the preview panel posts the
    whole form after each change, and converting every unchanged answer again was a
    tenth of a preview request. The conversion reads no database. Raises what Wagtail's
    ``ContentstateConverter.to_database_format`` raises."""
    return _converter(features).to_database_format(contentstate_json)


class RichTextInput(DraftailRichTextArea):
    """Draftail's widget that returns, instead of a silently cleaned value, HTML the
    validators refuse: the refused links as they were typed, or :data:`NOT_EDITOR_INPUT`
    when the posted value is not Draftail's JSON."""

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw is None:
            return None
        try:
            contentstate = json.loads(raw)
            links = refused_links(contentstate)
        except (ValueError, TypeError, AttributeError):
            return NOT_EDITOR_INPUT
        if links:
            return "".join(f'<p><a href="{escape(url)}">link</a></p>' for url in links)
        try:
            return database_format(tuple(self.features), raw)
        except (ValueError, TypeError, KeyError, AttributeError):
            return NOT_EDITOR_INPUT
