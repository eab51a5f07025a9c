"""URL schemes on every write path (case C14 and its variants): only http/https in
certification links, only http/https/mailto in rich text, whether typed into the admin,
posted around it, cleaned on the model, loaded from a fixture, published from a revision,
or written past Django straight to the database."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from badgecms.home.importing.importer import LandingPageImportError, parse_landing_page
from badgecms.home.models import BadgeLandingPage, CertificationLink
from badgecms.home.tests.admin_editing import EditorSession, contentstate, faq_stream, make_editor

CREDLY = "https://www.credly.com/organizations/tencent-cloud-llc/badges"

#: (URL as typed or posted, the scheme the error must name).
REFUSED_URLS = [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("  javascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("jav&#x09;ascript:alert(1)", "javascript"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("ftp://files.example.org/badge.png", "ftp"),
]


def scheme_error(scheme):
    return (
        f"“{scheme}:” links are not allowed: enter a web address starting with http:// or https://."
    )


def rich_text_scheme_error(scheme):
    return (
        f"“{scheme}:” links are not allowed: link to a web address (http:// or https://) or "
        "an e-mail address (mailto:)."
    )


def stored_links():
    return list(CertificationLink.objects.order_by("id").values_list("page_id", "url"))


@pytest.fixture
def editor(client, seed_page):
    client.force_login(make_editor("editor"))
    return EditorSession(client, seed_page)


@pytest.mark.django_db
class TestAdminForm:
    @pytest.mark.parametrize(("url", "scheme"), REFUSED_URLS)
    def test_certification_link_field_error_names_the_scheme(self, editor, url, scheme):
        before = stored_links()
        response = editor.save(publish=True, **{"certification_links-0-url": url})
        assert response.status_code == 200
        formset = response.context["form"].formsets["certification_links"]
        assert formset.errors == [{"url": [scheme_error(scheme)]}]
        assert scheme_error(scheme) in response.content.decode()
        assert stored_links() == before
        assert editor.page.revisions.count() == 1

    def test_a_new_link_row_is_checked_too(self, editor):
        response = editor.save(
            **{
                "certification_links-TOTAL_FORMS": "2",
                "certification_links-1-label": "Second",
                "certification_links-1-text": "Go",
                "certification_links-1-url": "javascript:alert(1)",
                "certification_links-1-ORDER": "2",
                "certification_links-1-DELETE": "",
            }
        )
        formset = response.context["form"].formsets["certification_links"]
        assert formset.errors == [{}, {"url": [scheme_error("javascript")]}]

    @pytest.mark.parametrize(
        ("url", "scheme"),
        [("ftp://files.example.org/x", "ftp"), ("tel:+4412345", "tel"), *REFUSED_URLS[4:6]],
    )
    def test_intro_link_posted_around_the_editor_is_a_field_error(self, editor, url, scheme):
        intro = contentstate(("Badge files", url, {}))
        response = editor.save(intro=json.dumps(intro))
        assert response.status_code == 200
        assert response.context["form"].errors["intro"] == [rich_text_scheme_error(scheme)]
        assert editor.page.revisions.count() == 1

    def test_faq_answer_link_is_a_field_error(self, editor):
        response = editor.save(
            **faq_stream([("Where?", contentstate(("Here", "tel:+4412345", {})))])
        )
        assert response.status_code == 200
        assert response.context["form"].errors["faqs"] == [
            f"FAQ 1: {rich_text_scheme_error('tel')}"
        ]

    @pytest.mark.parametrize(
        ("url", "scheme"),
        [
            ("javascript:alert(1)", "javascript"),
            ("data:text/html,x", "data"),
            (" vbscript:x", "vbscript"),
        ],
    )
    def test_forbidden_link_in_an_answer_is_an_error_naming_the_item(self, editor, url, scheme):
        """C23: Wagtail would drop the link's address without a word; the editor is told
        which FAQ item holds it and nothing is saved."""
        response = editor.save(
            **faq_stream(
                [
                    ("Fine?", contentstate(("Yes", CREDLY, {}))),
                    ("Where?", contentstate(("Click", url, {}))),
                ]
            )
        )
        assert response.status_code == 200
        assert response.context["form"].errors["faqs"] == [
            f"FAQ 2: {rich_text_scheme_error(scheme)}"
        ]
        assert editor.page.revisions.count() == 1

    def test_forbidden_link_in_the_intro_is_a_field_error(self, editor):
        intro = contentstate(("Click", "javascript:alert(1)", {}), ("Fine", CREDLY, {}))
        response = editor.save(intro=json.dumps(intro))
        assert response.status_code == 200
        assert response.context["form"].errors["intro"] == [rich_text_scheme_error("javascript")]
        assert editor.page.revisions.count() == 1

    @pytest.mark.parametrize("field", ["intro", "faqs-0-value-answer"])
    @pytest.mark.parametrize("posted", ["<p>Raw <b>HTML</b></p>", "[1, 2]", '{"blocks": 5}'])
    def test_rich_text_not_in_the_editor_format_is_a_field_error(self, editor, field, posted):
        """C23: a rich text field posted as raw HTML (or other JSON) gave a 500."""
        data = faq_stream([("Where?", "<p>Here</p>")])
        response = editor.save(**{**data, field: posted})
        assert response.status_code == 200
        message = (
            "This text was not sent in the rich text editor's format: reload the page and "
            "enter it again in the editor."
        )
        errors = response.context["form"].errors
        if field == "intro":
            assert errors["intro"] == [message]
        else:
            assert errors["faqs"] == [f"FAQ 1: {message}"]
        assert editor.page.revisions.count() == 1

    @pytest.mark.parametrize(
        ("url", "named"),
        [
            (CREDLY + '"onmouseover="alert(1)', "'\"'"),
            (CREDLY + "<script>", "'<' '>'"),
            (CREDLY + "/it's", '"\'"'),
            ("https://www.credly.com/my badges", "' '"),
        ],
    )
    def test_certification_link_with_quotes_brackets_or_spaces_is_refused(self, editor, url, named):
        """C23: such values were stored and the API then served URLs its own schema
        rejects."""
        before = stored_links()
        response = editor.save(publish=True, **{"certification_links-0-url": url})
        assert response.status_code == 200
        formset = response.context["form"].formsets["certification_links"]
        assert formset.errors == [
            {
                "url": [
                    f"A web address cannot contain {named}: remove them or copy the address "
                    "again from the browser's address bar."
                ]
            }
        ]
        assert stored_links() == before

    def test_link_chooser_refuses_a_javascript_url(self, client, editor):
        response = client.post(
            "/admin/choose-external-link/",
            {
                "external-link-chooser-url": "javascript:alert(1)",
                "external-link-chooser-link_text": "x",
            },
        )
        assert response.status_code == 200
        body = response.json()
        assert body["step"] == "external_link"
        assert "Enter a valid URL." in body["html"]


@pytest.mark.django_db
class TestModelAndDatabase:
    @pytest.mark.parametrize(("url", "scheme"), REFUSED_URLS)
    def test_full_clean_names_the_scheme(self, seed_page, url, scheme):
        link = CertificationLink(page=seed_page, label="Credly", text="Go", url=url)
        with pytest.raises(ValidationError) as raised:
            link.full_clean()
        assert raised.value.message_dict["url"] == [scheme_error(scheme)]

    def test_save_outside_forms_is_refused(self, seed_page):
        before = stored_links()
        with pytest.raises(ValidationError) as raised:
            CertificationLink(page=seed_page, label="x", text="x", url="javascript:1").save()
        assert raised.value.message_dict == {"url": [scheme_error("javascript")]}
        assert stored_links() == before

    def test_rich_text_links_are_checked_by_full_clean(self, seed_page):
        page = BadgeLandingPage.objects.get(id=seed_page.id)
        page.intro = '<p><a href="ftp://files.example.org/">files</a></p>'
        with pytest.raises(ValidationError) as raised:
            page.full_clean()
        assert raised.value.message_dict["intro"] == [rich_text_scheme_error("ftp")]

    def test_fixture_with_a_javascript_url_fails_and_loads_nothing(self, seed_page, tmp_path):
        before = stored_links()
        fixture = tmp_path / "links.json"
        fixture.write_text(
            json.dumps(
                [
                    {
                        "model": "badgecms_home.certificationlink",
                        "pk": 9001,
                        "fields": {"page": seed_page.id, "sort_order": 5, "label": "Fine",
                                   "text": "Go", "url": CREDLY},
                    },
                    {
                        "model": "badgecms_home.certificationlink",
                        "pk": 9002,
                        "fields": {"page": seed_page.id, "sort_order": 6, "label": "Bad",
                                   "text": "Go", "url": "JavaScript:alert(document.cookie)"},
                    },
                ]
            )
        )  # fmt: skip
        with pytest.raises(ValidationError) as raised:
            call_command("loaddata", str(fixture), verbosity=0)
        assert raised.value.message_dict == {"url": [scheme_error("javascript")]}
        assert stored_links() == before

    @pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org/"])
    def test_database_constraint_refuses_writes_that_skip_django_checks(self, seed_page, url):
        before = stored_links()
        with pytest.raises(IntegrityError), transaction.atomic():
            CertificationLink.objects.bulk_create(
                [CertificationLink(page=seed_page, label="x", text="x", url=url, sort_order=9)]
            )
        with pytest.raises(IntegrityError), transaction.atomic():
            CertificationLink.objects.filter(page=seed_page).update(url=url)
        assert stored_links() == before

    def test_publishing_a_crafted_revision_is_refused(self, seed_page):
        page = BadgeLandingPage.objects.get(id=seed_page.id)
        revision = page.save_revision()
        content = dict(revision.content)
        content["certification_links"] = [
            {**content["certification_links"][0], "url": "javascript:alert(1)"}
        ]
        revision.content = content
        revision.save()
        before = stored_links()
        with pytest.raises(ValidationError), transaction.atomic():
            revision.publish()
        assert stored_links() == before
        assert BadgeLandingPage.objects.get(id=seed_page.id).live_revision_id != revision.id


INTRO_DOCUMENT = "## Intro\n\nSee {link}.\n\n## FAQs\n\n### Q: Q?\n\nA: A.\n"


@pytest.mark.parametrize(
    ("link", "scheme"),
    [
        ("[files](ftp://files.example.org/)", "ftp"),
        ("[call](tel:+4412345)", "tel"),
        ("<javascript:alert(1)>", "javascript"),
        ("[x](&#106;avascript:alert(1))", "javascript"),
        ("[x](data:text/html,x)", "data"),
    ],
)
def test_importer_refuses_intro_links_naming_line_and_scheme(link, scheme):
    with pytest.raises(LandingPageImportError) as raised:
        parse_landing_page(INTRO_DOCUMENT.format(link=link))
    assert str(raised.value) == (
        f"line 3: link scheme {scheme}: refused; links must start with http:, https:, mailto:."
    )
