"""Only http(s) certification links, on every write path (case C14 and its variants)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from badgecms.home.models import CertificationLink
from badgecms.home.validators import url_scheme, validate_http_url
from tests.helpers.editor_forms import editor_form_data

REFUSED = [
    ("javascript:alert(1)", "javascript"),
    ("JavaScript:alert(1)", "javascript"),
    ("  javascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("&#x6A;avascript:alert(1)", "javascript"),
    ("javascript&colon;alert(1)", "javascript"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("DATA:text/html,<script>alert(1)</script>", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("VbScRiPt:msgbox(1)", "vbscript"),
]


@pytest.mark.parametrize(("url", "scheme"), REFUSED)
def test_validator_names_the_refused_scheme(url, scheme):
    assert url_scheme(url) == scheme
    with pytest.raises(ValidationError) as raised:
        validate_http_url(url)
    assert raised.value.code == "url_scheme"
    assert raised.value.messages == [
        f"“{scheme}:” links are not allowed: enter a web address starting with http:// or https://."
    ]


@pytest.mark.parametrize(
    "url", ["https://www.credly.com/organizations/x/badges", "http://example.org", "HTTPS://A.ORG"]
)
def test_validator_accepts_web_addresses(url):
    assert validate_http_url(url) is None


@pytest.mark.parametrize("url", ["www.credly.com", "/badges/", "https://", "ftp://example.org"])
def test_validator_refuses_other_addresses(url):
    with pytest.raises(ValidationError):
        validate_http_url(url)


@pytest.mark.django_db
class TestWritePaths:
    def test_model_full_clean(self, make_landing_page):
        page = make_landing_page(title="Links")
        link = CertificationLink(page=page, label="L", text="T", url="javascript:alert(1)")
        with pytest.raises(ValidationError) as raised:
            link.full_clean()
        assert raised.value.message_dict["url"] == [
            "“javascript:” links are not allowed: enter a web address starting with "
            "http:// or https://."
        ]

    def test_direct_save_is_refused(self, make_landing_page):
        page = make_landing_page(title="Links")
        with pytest.raises(ValidationError):
            CertificationLink.objects.create(page=page, label="L", text="T", url="data:x")
        assert CertificationLink.objects.filter(page=page).count() == 0

    def test_database_constraint_is_the_last_line(self, make_landing_page):
        page = make_landing_page(title="Links", links=[("L", "T", "https://example.org/ok")])
        with pytest.raises(IntegrityError), transaction.atomic():
            CertificationLink.objects.filter(page=page).update(url="javascript:alert(1)")
        assert CertificationLink.objects.get(page=page).url == "https://example.org/ok"

    def test_scheme_is_stored_in_lower_case(self, make_landing_page):
        page = make_landing_page(title="Links", links=[("L", "T", "HTTPS://example.org/x")])
        assert page.certification_links.get().url == "https://example.org/x"

    def test_fixture_with_javascript_url_is_refused(self, make_landing_page, tmp_path):
        page = make_landing_page(title="Links")
        fixture = tmp_path / "links.json"
        fixture.write_text(
            json.dumps(
                [
                    {
                        "model": "badgecms_home.certificationlink",
                        "pk": 999,
                        "fields": {
                            "page": page.id,
                            "sort_order": 0,
                            "label": "L",
                            "text": "T",
                            "url": "JaVaScript:alert(1)",
                        },
                    }
                ]
            )
        )
        with pytest.raises(ValidationError, match="“javascript:” links are not allowed"):
            call_command("loaddata", str(fixture), verbosity=0)
        assert not CertificationLink.objects.filter(pk=999).exists()

    @pytest.mark.parametrize(("url", "scheme"), REFUSED[:9])
    def test_admin_form_shows_a_field_error(self, make_landing_page, client, url, scheme):
        page = make_landing_page(title="Links", links=[("L", "T", "https://example.org/ok")])
        user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
        client.force_login(user)
        links = [{"label": "Bad", "text": "Click", "url": url}]
        response = client.post(
            f"/admin/pages/{page.id}/edit/",
            editor_form_data(page, links=links, action="publish"),
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert f"“{scheme}:” links are not allowed" in html
        page.refresh_from_db()
        assert [link.url for link in page.certification_links.all()] == ["https://example.org/ok"]
        assert page.revisions.count() == 1
