"""An admin that explains itself (issue 7, point 4): help texts, block labels, FAQ
errors that name the item, the FAQ count, warnings for placeholder links and duplicate
questions, and the dashboard panels."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape
from wagtail.admin.panels import FieldPanel

from badgecms.faq.blocks import FAQItemBlock, FAQStreamBlock
from badgecms.home.editors.warnings import duplicate_question_warnings, placeholder_reason
from badgecms.home.models import BadgeLandingPage
from tests.helpers.editor_forms import editor_form_data

pytestmark = pytest.mark.django_db

TENCENT_WARNING = (
    "Certification link “Tencent Cloud Certification Link” points at "
    "https://www.credly.com/organizations/tencent-cloud-llc/badges: the organisation "
    "“tencent-cloud-llc” is a placeholder from the template. Replace it with your "
    "organisation's address on Credly."
)
# Wagtail's comment machinery (side panel), not content fields.
WAGTAIL_COMMENT_FIELDS = {"comment_notifications"}


def bound_field_panels(bound):
    """Yield every bound FieldPanel of a bound panel tree, inline panel children too."""
    if isinstance(bound.panel, FieldPanel):
        yield bound
    children = list(getattr(bound, "children", []))
    if getattr(bound, "empty_child", None) is not None:
        children.append(bound.empty_child)
    for child in children:
        yield from bound_field_panels(child)


def test_every_field_of_the_editor_has_help_text(seed_page, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    edit_handler = BadgeLandingPage.get_edit_handler()
    form = edit_handler.get_form_class()(
        instance=seed_page, for_user=admin_user, parent_page=seed_page.get_parent()
    )
    bound = edit_handler.get_bound_panel(instance=seed_page, request=request, form=form)
    help_texts = {panel.field_name: panel.help_text for panel in bound_field_panels(bound)}

    inline_fields = {"label", "text", "url", "badge", "group_heading"}
    expected = (set(form.fields) - WAGTAIL_COMMENT_FIELDS) | inline_fields
    assert set(help_texts) == expected
    assert {name for name, text in help_texts.items() if not str(text).strip()} == set()
    assert help_texts["go_live_at"].startswith("When the page goes live, in UTC.")


def test_faq_blocks_have_labels_icons_and_help(seed_page):
    stream_block = BadgeLandingPage._meta.get_field("faqs").stream_block
    assert isinstance(stream_block, FAQStreamBlock)
    assert stream_block.meta.collapsed
    item = stream_block.child_blocks["faq"]
    assert isinstance(item, FAQItemBlock)
    assert (item.meta.icon, item.label, item.meta.label_format, item.meta.collapsed) == (
        "help",
        "FAQ",
        "{question}",
        True,
    )
    assert item.meta.help_text
    for name, child in item.child_blocks.items():
        assert child.label == name.title()
        assert str(child.field.help_text).strip(), name


def post_edit(client, page, **kwargs):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]), editor_form_data(page, **kwargs)
    )


def test_faq_errors_name_the_item(seed_page, admin_client):
    faqs = [(item["question"], item["answer"]) for item in seed_page.faq_sources()]
    faqs[6] = (faqs[6][0], "")
    faqs[1] = ("", faqs[1][1])
    faqs[2] = ("x" * 300, faqs[2][1])
    response = post_edit(admin_client, seed_page, faqs=faqs, action="publish")
    assert response.status_code == 200
    errors = [
        str(error)
        for error in response.context["form"].errors["faqs"].as_data()[0].non_block_errors
    ]
    assert errors == [
        "FAQ 2: question is required.",
        "FAQ 3: question: Ensure this value has at most 255 characters (it has 300).",
        "FAQ 7: answer is required.",
    ]
    html = response.content.decode()
    assert "FAQ 7: answer is required." in html
    seed_page.refresh_from_db()
    assert seed_page.revisions.count() == 1  # nothing saved


def test_edit_form_shows_the_faq_count_and_placeholder_warning(seed_page, admin_client):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[seed_page.id])).content
    html = html.decode()
    assert "This page has <strong>13 FAQ items</strong> and\n" in html
    assert "<strong>1 certification link</strong>" in html
    assert escape(TENCENT_WARNING) in html


def test_duplicate_questions_are_flagged_at_save_and_the_draft_is_kept(seed_page, editor, client):
    client.force_login(editor)
    faqs = [(item["question"], item["answer"]) for item in seed_page.faq_sources()]
    faqs.append(("what is an  OPEN badge?", "<p>Again.</p>"))
    links = [
        ("Our badges", "Credly certifications", "https://www.credly.com/organizations/acme/badges")
    ]
    response = post_edit(client, seed_page, faqs=faqs, links=links)
    assert response.status_code == 302
    messages = [str(m).strip() for m in client.get(response.url).context["messages"]]
    assert "FAQ 14 repeats the question of FAQ 1: “what is an  OPEN badge?”." in messages
    assert not any("points at" in message for message in messages)
    draft = BadgeLandingPage.objects.get(id=seed_page.id).get_latest_revision_as_object()
    assert len(draft.faq_sources()) == 14


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://www.credly.com/organizations/tencent-cloud-llc/badges", "tencent-cloud-llc"),
        ("https://www.credly.com/organizations/your-organisation/badges", "your-organisation"),
        ("https://www.credly.com/organizations/Example-Cloud/badges", "example-cloud"),
        ("https://www.credly.com/org/placeholder-inc", "placeholder-inc"),
        ("https://example.com/badges", "example.com is a reserved example domain"),
        ("https://badges.example.org/", "badges.example.org is a reserved example domain"),
        ("http://acme.test/badges", "acme.test is a reserved example domain"),
        ("https://www.credly.com/organizations/acme/badges", None),
        ("https://www.credly.com/users/example-person", None),
        ("https://badges.acme.com/", None),
    ],
)
def test_placeholder_links(url, reason):
    found = placeholder_reason(url)
    if reason is None:
        assert found is None
    else:
        assert reason in found


def test_placeholder_organisations_setting(badgecms_settings):
    badgecms_settings(PLACEHOLDER_ORGANISATIONS=["acme"])
    assert placeholder_reason("https://www.credly.com/organizations/acme/badges")
    assert placeholder_reason("https://www.credly.com/organizations/tencent-cloud-llc/x") is None


def test_duplicate_question_warnings():
    assert duplicate_question_warnings(["A?", "B?", " a? ", "b?", "", ""]) == [
        "FAQ 3 repeats the question of FAQ 1: “ a? ”.",
        "FAQ 4 repeats the question of FAQ 2: “b?”.",
    ]


def test_new_page_form_shows_an_empty_summary(seed_page, admin_client):
    url = reverse(
        "wagtailadmin_pages:add", args=["badgecms_home", "badgelandingpage", seed_page.id]
    )
    html = admin_client.get(url).content.decode()
    assert "This page has <strong>0 FAQ items</strong> and\n" in html
    assert "<strong>0 certification links</strong>" in html
    assert "data-page-warnings" not in html
