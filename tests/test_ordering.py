"""Ordering (case C06): orderable lists keep the order set in the admin. FAQ items
(StreamField) and certification links (InlinePanel of ``Orderable``s) are created as 1,
2, 3, moved in the page editor and published; the new order holds in the database and
the editor, the HTML page and its JSON-LD, and every API answer (detail, listing, FAQ
search), with each FAQ item keeping its id."""

import pytest
from django.test import Client

from badgecms.home.models import BadgeLandingPage, CertificationLink
from tests.helpers.editor_forms import current_faqs, current_links, editor_form_data
from tests.helpers.markup import read_landing_page

pytestmark = pytest.mark.django_db

QUESTIONS = ["Question one?", "Question two?", "Question three?"]
ANSWERS = ["Answer to Question one?", "Answer to Question two?", "Answer to Question three?"]
LABELS = ["Link one", "Link two", "Link three"]


@pytest.fixture
def page(make_landing_page):
    return make_landing_page(
        title="Ordering",
        slug="ordering",
        faqs=[(q, f"<p>{a}</p>") for q, a in zip(QUESTIONS, ANSWERS, strict=True)],
        links=[
            (label, f"{label} button", f"https://www.credly.com/{n}")
            for n, label in enumerate(LABELS)
        ],
    )


def in_order(html, texts):
    """The texts as they are ordered in ``html`` (each must occur)."""
    return sorted(texts, key=html.index)


@pytest.mark.parametrize(
    "new_order",
    [(2, 0, 1), (1, 2, 0), (2, 1, 0), (0, 1, 2)],
    ids=["3-to-top", "1-to-bottom", "reversed", "unchanged"],
)
@pytest.mark.parametrize("publish", ["publish-directly", "save-draft-then-publish"])
def test_admin_order_holds_everywhere(page, editor_client, api_client, new_order, publish):
    """C06: the order set in the page editor is the order of every output."""
    faqs, links = current_faqs(page), current_links(page)
    ids = [item["id"] for item in faqs]
    data = editor_form_data(
        page, faqs=[faqs[i] for i in new_order], links=[links[i] for i in new_order]
    )
    action = "action-publish" if publish == "publish-directly" else "action-save"
    edit_url = f"/admin/pages/{page.pk}/edit/"
    assert editor_client.post(edit_url, {**data, action: action}).status_code == 302
    if publish == "save-draft-then-publish":
        page.refresh_from_db()
        page.latest_revision.publish()
    questions = [QUESTIONS[i] for i in new_order]
    labels = [LABELS[i] for i in new_order]
    moved_ids = [ids[i] for i in new_order]

    # The database and the admin's editor.
    live = BadgeLandingPage.objects.get(pk=page.pk)
    assert [item["question"] for item in live.faq_sources()] == questions
    assert [item["id"] for item in live.faq_sources()] == moved_ids
    assert [x.label for x in live.certification_links.all()] == labels
    by_sort_order = CertificationLink.objects.filter(page=live).order_by("sort_order")
    assert list(by_sort_order.values_list("label", flat=True)) == labels
    editor_html = editor_client.get(edit_url).text
    assert in_order(editor_html, QUESTIONS) == questions
    assert in_order(editor_html, LABELS) == labels

    # The HTML page, with its JSON-LD.
    html = read_landing_page(Client().get(live.url).text)
    assert html["questions"] == questions
    assert html["structured_data_questions"] == questions
    assert html["links"] == [f"{label} button" for label in labels]
    assert html["link_urls"] == [f"https://www.credly.com/{i}" for i in new_order]

    # The JSON: detail, listing and FAQ search.
    body = api_client.get(f"/api/v1/pages/{page.pk}/").json()
    assert [item["question"] for item in body["faqs"]] == questions
    assert [item["id"] for item in body["faqs"]] == moved_ids
    assert [item["answer_text"] for item in body["faqs"]] == [ANSWERS[i] for i in new_order]
    assert [x["label"] for x in body["certification_links"]] == labels
    assert [q["name"] for q in body["structured_data"]["mainEntity"]] == questions
    listed = api_client.get("/api/v1/pages/?slug=ordering").json()["results"][0]
    assert [item["question"] for item in listed["faqs"]] == questions
    assert [x["label"] for x in listed["certification_links"]] == labels
    found = api_client.get(f"/api/v1/faqs/?page={page.pk}").json()["results"]
    assert [item["question"] for item in found] == questions
