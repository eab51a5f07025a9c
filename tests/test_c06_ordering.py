"""Case C06: orderable lists keep the order set in the admin. FAQ items (StreamField)
and certification links (InlinePanel of ``Orderable``s) are created as 1, 2, 3, moved in
the page editor and published; the new order holds in the admin, the HTML page, the
JSON and the schema.org structured data."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from badgecms.home.models import BadgeLandingPage, CertificationLink
from tests.helpers.editor_forms import current_faqs, current_links, editor_form_data
from tests.helpers.markup import read_landing_page

pytestmark = pytest.mark.django_db

QUESTIONS = ["Question one?", "Question two?", "Question three?"]
LABELS = ["Link one", "Link two", "Link three"]


@pytest.fixture
def editor_client(django_user_model):
    user = django_user_model.objects.create_user("c06-editor", password="pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def page(make_landing_page):
    return make_landing_page(
        title="Ordering",
        faqs=[(q, f"<p>Answer to {q}</p>") for q in QUESTIONS],
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
def test_c06_admin_order_holds_everywhere(page, editor_client, api_client, new_order, publish):
    faqs, links = current_faqs(page), current_links(page)
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

    # The database and the admin's editor.
    live = BadgeLandingPage.objects.get(pk=page.pk)
    assert [item["question"] for item in live.faq_sources()] == questions
    assert [x.label for x in live.certification_links.all()] == labels
    assert (
        list(
            CertificationLink.objects.filter(page=live)
            .order_by("sort_order")
            .values_list("label", flat=True)
        )
        == labels
    )
    editor_html = editor_client.get(edit_url).text
    assert in_order(editor_html, QUESTIONS) == questions
    assert in_order(editor_html, LABELS) == labels

    # The HTML page, with its JSON-LD.
    html = read_landing_page(Client().get(live.url).text)
    assert html["questions"] == questions
    assert html["structured_data_questions"] == questions
    assert html["links"] == [f"{label} button" for label in labels]

    # The JSON.
    body = api_client.get(f"/api/v1/pages/{page.pk}/").json()
    assert [item["question"] for item in body["faqs"]] == questions
    assert [x["label"] for x in body["certification_links"]] == labels
    structured = live.front_end_content()["structured_data"]
    assert [q["name"] for q in structured["mainEntity"]] == questions
