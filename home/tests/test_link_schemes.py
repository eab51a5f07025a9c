"""Which link addresses a landing page may hold (case C14 and its variants): only
http/https in certification links, only http/https/mailto in rich text, on every write
path: the validator, the admin editor (typed or posted around it), the model, fixtures,
published revisions, writes past Django, and the import command. The admin import
view's C14 problems are in test_admin_import.py."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from wagtail.models import Page, Revision

from badgecms.home.importing.importer import (
    LandingPageImportError,
    parse_landing_page,
    save_landing_page,
)
from badgecms.home.models import BadgeLandingPage, CertificationLink
from badgecms.home.validators import url_scheme, validate_http_url
from tests.helpers.editor_forms import contentstate
from tests.helpers.editor_sessions import EditorSession, faq_stream, make_editor

CREDLY = "https://www.credly.com/organizations/tencent-cloud-llc/badges"

#: (URL as typed or posted, the scheme the error must name).
REFUSED_URLS = [
    ("javascript:alert(1)", "javascript"),
    ("JavaScript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("  javascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("&#x6A;avascript:alert(1)", "javascript"),
    ("jav&#x09;ascript:alert(1)", "javascript"),
    ("javascript&colon;alert(1)", "javascript"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("DATA:text/html,<script>alert(1)</script>", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("VbScRiPt:msgbox(1)", "vbscript"),
    ("ftp://files.example.org/badge.png", "ftp"),
]
IMPORT_REFUSED = "link scheme javascript: refused; links must start with http:, https:, mailto:."


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


def database_state():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        list(Page.objects.values_list("id", "title", "live", "latest_revision_id")),
    )


@pytest.fixture
def editor_tab(client, seed_page):
    """A superuser's tab on the seed page's edit view."""
    client.force_login(make_editor("editor"))
    return EditorSession(client, seed_page)


class TestValidator:
    @pytest.mark.parametrize(("url", "scheme"), REFUSED_URLS)
    def test_names_the_refused_scheme(self, url, scheme):
        assert url_scheme(url) == scheme
        with pytest.raises(ValidationError) as raised:
            validate_http_url(url)
        assert raised.value.code == "url_scheme"
        assert raised.value.messages == [scheme_error(scheme)]

    @pytest.mark.parametrize(
        "url",
        ["https://www.credly.com/organizations/x/badges", "http://example.org", "HTTPS://A.ORG"],
    )
    def test_accepts_web_addresses(self, url):
        assert validate_http_url(url) is None

    @pytest.mark.parametrize("url", ["www.credly.com", "/badges/", "https://"])
    def test_refuses_addresses_that_are_not_absolute(self, url):
        with pytest.raises(ValidationError):
            validate_http_url(url)


@pytest.mark.django_db
class TestAdminEditor:
    @pytest.mark.parametrize(("url", "scheme"), REFUSED_URLS)
    def test_certification_link_field_error_names_the_scheme(self, editor_tab, url, scheme):
        before = stored_links()
        response = editor_tab.save(publish=True, **{"certification_links-0-url": url})
        assert response.status_code == 200
        formset = response.context["form"].formsets["certification_links"]
        assert formset.errors == [{"url": [scheme_error(scheme)]}]
        assert scheme_error(scheme) in response.content.decode()
        assert stored_links() == before
        assert editor_tab.page.revisions.count() == 1

    def test_a_new_link_row_is_checked_too(self, editor_tab):
        response = editor_tab.save(
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
        [
            ("ftp://files.example.org/x", "ftp"),
            ("tel:+4412345", "tel"),
            ("&#106;avascript:alert(1)", "javascript"),
            ("jav&#x09;ascript:alert(1)", "javascript"),
        ],
    )
    def test_intro_link_posted_around_the_editor_is_a_field_error(self, editor_tab, url, scheme):
        intro = contentstate(("Badge files", url, {}))
        response = editor_tab.save(intro=json.dumps(intro))
        assert response.status_code == 200
        assert response.context["form"].errors["intro"] == [rich_text_scheme_error(scheme)]
        assert editor_tab.page.revisions.count() == 1

    def test_faq_answer_link_is_a_field_error(self, editor_tab):
        response = editor_tab.save(
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
    def test_forbidden_link_in_an_answer_is_an_error_naming_the_item(self, editor_tab, url, scheme):
        """C23: Wagtail would drop the link's address without a word; the editor is told
        which FAQ item holds it and nothing is saved."""
        response = editor_tab.save(
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
        assert editor_tab.page.revisions.count() == 1

    def test_forbidden_link_in_the_intro_is_a_field_error(self, editor_tab):
        intro = contentstate(("Click", "javascript:alert(1)", {}), ("Fine", CREDLY, {}))
        response = editor_tab.save(intro=json.dumps(intro))
        assert response.status_code == 200
        assert response.context["form"].errors["intro"] == [rich_text_scheme_error("javascript")]
        assert editor_tab.page.revisions.count() == 1

    @pytest.mark.parametrize("field", ["intro", "faqs-0-value-answer"])
    @pytest.mark.parametrize("posted", ["<p>Raw <b>HTML</b></p>", "[1, 2]", '{"blocks": 5}'])
    def test_rich_text_not_in_the_editor_format_is_a_field_error(self, editor_tab, field, posted):
        """C23: a rich text field posted as raw HTML (or other JSON) gave a 500."""
        data = faq_stream([("Where?", "<p>Here</p>")])
        response = editor_tab.save(**{**data, field: posted})
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
        assert editor_tab.page.revisions.count() == 1

    @pytest.mark.parametrize(
        ("url", "named"),
        [
            (CREDLY + '"onmouseover="alert(1)', "'\"'"),
            (CREDLY + "<script>", "'<' '>'"),
            (CREDLY + "/it's", '"\'"'),
            ("https://www.credly.com/my badges", "' '"),
        ],
    )
    def test_certification_link_with_quotes_brackets_or_spaces_is_refused(
        self, editor_tab, url, named
    ):
        """C23: such values were stored and the API then served URLs its own schema
        rejects."""
        before = stored_links()
        response = editor_tab.save(publish=True, **{"certification_links-0-url": url})
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

    def test_link_chooser_refuses_a_javascript_url(self, client, editor_tab):
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

    def test_scheme_is_stored_in_lower_case(self, make_landing_page):
        page = make_landing_page(title="Links", links=[("L", "T", "HTTPS://example.org/x")])
        assert page.certification_links.get().url == "https://example.org/x"

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


INTRO_DOCUMENT = "## Intro\n\n{link}\n\n## FAQs\n\n### Q: Q?\n\nA: A.\n"


@pytest.mark.django_db
class TestImporter:
    def test_command_refuses_by_line_and_writes_nothing(self, case_path, site):
        before = database_state()
        with pytest.raises(CommandError) as raised:
            call_command(
                "import_landing_page", str(case_path("c14-javascript-url.md")), "--publish"
            )
        assert str(raised.value) == f"Import failed: line 3: {IMPORT_REFUSED}"
        assert database_state() == before

    def test_collect_problems_lists_every_refused_link_by_line(self, case_path, site):
        text = case_path("c14-javascript-url.md").read_text()
        document = parse_landing_page(text, collect_problems=True)
        assert [str(problem) for problem in document.problems] == [
            f"line 3: {IMPORT_REFUSED}",
            f"line 5: {IMPORT_REFUSED}",
        ]
        assert [problem.line for problem in document.problems] == [3, 5]
        assert document.certification_links == []
        assert [item.question for item in document.faqs] == ["Question?"]
        with pytest.raises(LandingPageImportError, match=f"^line 3: {IMPORT_REFUSED}"):
            parse_landing_page(text)
        before = BadgeLandingPage.objects.count()
        with pytest.raises(LandingPageImportError, match=f"^line 3: {IMPORT_REFUSED}"):
            save_landing_page(document, slug="c14")
        assert BadgeLandingPage.objects.count() == before

    @pytest.mark.parametrize(
        ("markdown", "message"),
        [
            ("Cert: [Credly](javascript:alert(1))", "link scheme javascript: refused"),
            ("Cert: [Credly](JaVaScRiPt:alert(1))", "link scheme javascript: refused"),
            ("Cert: [Credly](data:text/html;base64,PHNjcmlwdD4=)", "link scheme data: refused"),
            ("Cert: [Credly](vbscript:msgbox(1))", "link scheme vbscript: refused"),
            ("Cert: [Credly](&#106;avascript:alert(1))", "link scheme javascript: refused"),
            ("Cert: [Credly](<java\tscript:alert(1)>)", "link 'java%09script:alert(1)' refused"),
            ("See [files](ftp://files.example.org/).", "link scheme ftp: refused"),
            ("See [call](tel:+4412345).", "link scheme tel: refused"),
            ("See <javascript:alert(1)>.", "link scheme javascript: refused"),
            ("See [x](data:text/html,x).", "link scheme data: refused"),
        ],
    )
    def test_refused_links_in_intro_and_certification_links_name_line_and_scheme(
        self, markdown, message
    ):
        with pytest.raises(LandingPageImportError) as raised:
            parse_landing_page(INTRO_DOCUMENT.format(link=markdown))
        assert raised.value.line == 3
        assert str(raised.value) == (
            f"line 3: {message}; links must start with http:, https:, mailto:."
        )
