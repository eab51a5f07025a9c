"""Drive Wagtail's page editor the way a browser tab does: load the edit view, take the
form it renders, change fields, post it back (concurrent edits, crafted posts)."""

import re

from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from badgecms.faq.blocks import ANSWER_FEATURES
from tests.helpers.editor_forms import editor_rich_text


def edit_url(page):
    return f"/admin/pages/{page.id}/edit/"


def rendered_form(html):
    """The fields of the page editor's form (``#page-edit-form``) in ``html`` as a dict,
    what the browser would post before Wagtail's JavaScript builds the StreamFields
    (empty ``__prefix__`` templates left out)."""
    data = querydict_from_html(html, form_id="page-edit-form")
    return {key: value for key, value in data.items() if "__prefix__" not in key}


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
        self.form = rendered_form(html)
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
    """Form data of the FAQ StreamField for ``[(question, answer_html_or_contentstate)]``
    (see :func:`tests.helpers.editor_forms.editor_rich_text`), keys flattened as the
    editor posts them (``faqs-0-value-question``…)."""
    blocks = [
        ("faq", {"question": question, "answer": editor_rich_text(answer, ANSWER_FEATURES)})
        for question, answer in items
    ]
    return nested_form_data({prefix: streamfield(blocks)})
