"""The rich text input's conversion of Draftail's JSON to Wagtail's database format: the
same as Wagtail's converter gives, and memoised (the preview panel posts every unchanged
answer again after each change; issue 15)."""

import json

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from badgecms.home.editors.rich_text_input import RichTextInput, database_format

FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "image"]


@pytest.mark.django_db  # from_database_format, building the posted value, reads pages
def test_a_posted_value_converts_as_wagtails_converter_and_only_once():
    converter = ContentstateConverter(FEATURES)
    source = '<p data-block-key="k1">See <a linktype="page" id="7">the page</a>, <b>now</b>.</p>'
    posted = converter.from_database_format(source)
    widget = RichTextInput(features=FEATURES)
    database_format.cache_clear()
    first = widget.value_from_datadict({"answer": posted}, {}, "answer")
    again = widget.value_from_datadict({"answer": posted}, {}, "answer")
    assert first == again == converter.to_database_format(posted) == source
    assert database_format.cache_info().misses == 1
    assert database_format.cache_info().hits == 1
    edited = json.loads(posted)
    edited["blocks"][0]["text"] = edited["blocks"][0]["text"].replace("See", "Saw")
    assert widget.value_from_datadict({"answer": json.dumps(edited)}, {}, "answer") == (
        source.replace("See", "Saw")
    )
