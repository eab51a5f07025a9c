"""Test helpers that drive Wagtail's page editor the way a browser does: load the edit
view, take the form it renders, change fields, post it back."""

import json
import re

from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import querydict_from_html, rich_text, streamfield

from badgecms.faq.blocks import ANSWER_FEATURES


def edit_url(page):
    return f"/admin/pages/{page.id}/edit/"


def make_editor(username):
    """A superuser who can edit and publish every page."""
    return get_user_model().objects.create_superuser(
        username, f"{username}@example.org", "not-used", first_name=username.title()
    )


class EditorSession:
    """One editor's browser tab on a page's edit view.

    ``form`` holds what the browser would post (rendered fields, the revision the editor
    loaded, and the FAQ StreamField, which Wagtail's editor builds in JavaScript);
    ``ping_url`` is the tab's editing session endpoint.
    """

    def __init__(self, client, page):
        self.client = client
        self.page = page
        response = client.get(edit_url(page))
        assert response.status_code == 200
        html = response.content.decode()
        data = querydict_from_html(html, form_id="page-edit-form")
        self.form = {key: value for key, value in data.items() if "__prefix__" not in key}
        latest = page.get_latest_revision_as_object()
        self.form.update(faq_stream([(i["question"], i["answer"]) for i in latest.faq_sources()]))
        self.ping_url = re.search(r'data-w-swap-src-value="([^"]+)"', html).group(1)
        self.loaded_revision_id = self.form["loaded_revision_id"]
        self.loaded_revision_created_at = self.form["loaded_revision_created_at"]

    def save(self, publish=False, json_response=False, **changes):
        """Post the form with ``changes``; ``json_response`` posts as autosave does."""
        data = {**self.form, **changes}
        if publish:
            data["action-publish"] = "action-publish"
        headers = {"accept": "application/json"} if json_response else {}
        return self.client.post(edit_url(self.page), data, headers=headers)

    def ping(self):
        """Ping the editing session as the editor's tab does every 10 seconds."""
        response = self.client.post(
            self.ping_url,
            {
                "revision_id": self.loaded_revision_id,
                "revision_created_at": self.loaded_revision_created_at,
                "is_editing": "1",
            },
        )
        assert response.status_code == 200
        return response.json()


def faq_stream(items, prefix="faqs"):
    """Form data of the FAQ StreamField for ``[(question, answer_html_or_contentstate)]``.

    An answer given as a dict is sent as raw Draftail contentstate JSON, exactly as posted
    (a crafted request); a string is converted from HTML as the editor would.
    """
    blocks = [
        (
            "faq",
            {
                "question": question,
                "answer": json.dumps(answer)
                if isinstance(answer, dict)
                else rich_text(answer, features=ANSWER_FEATURES),
            },
        )
        for question, answer in items
    ]
    return {f"{prefix}-{key}": value for key, value in _flatten(streamfield(blocks))}


def _flatten(data, path=()):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flatten(value, (*path, str(key)))
        else:
            yield "-".join((*path, str(key))), value


def contentstate(*paragraphs):
    """Draftail contentstate for paragraphs ``(text, link_url_or_None, extra_entity_data)``;
    a link covers the whole paragraph."""
    blocks, entity_map = [], {}
    for number, (text, url, extra) in enumerate(paragraphs):
        ranges = []
        if url is not None:
            entity_map[str(number)] = {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": url, **extra},
            }
            ranges = [{"offset": 0, "length": len(text), "key": number}]
        blocks.append(
            {
                "key": f"b{number}",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": ranges,
                "data": dict(extra),
            }
        )
    return {"blocks": blocks, "entityMap": entity_map}
