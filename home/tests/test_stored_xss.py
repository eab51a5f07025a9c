"""Stored XSS (case C13 and its variants): crafted rich text and text posted through the
Wagtail page editor, imported from Markdown, or loaded from a fixture never comes back as
executable markup in the database, the HTML page or the JSON API."""

import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.test import Client

from badgecms.home.importing.importer import parse_landing_page, save_landing_page
from badgecms.home.models import BadgeLandingPage
from tests.helpers.editor_forms import contentstate
from tests.helpers.editor_sessions import EditorSession, faq_stream, make_editor
from tests.helpers.markup import executable_markup, executable_markup_in_json

#: C13 and its variants: script, event handlers, SVG, iframes, style URLs, breakouts.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)><circle r=1 /></svg>",
    '<iframe src="javascript:alert(4)"></iframe>',
    '<iframe srcdoc="<script>alert(5)</script>"></iframe>',
    '<p style="background:url(javascript:alert(6))">styled</p>',
    '<a href="#" onclick="alert(7)">click</a>',
    '"><script>alert(8)</script>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(9)>",
    "</script><script>alert(10)</script>",
]
#: Link targets a crafted editor request may carry (Draftail LINK entities).
LINK_URLS = [
    "javascript:alert(11)",
    "JaVaScRiPt:alert(12)",
    "java\tscript:alert(13)",
    " javascript:alert(14)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=",
    "vbscript:msgbox(16)",
]
PASTED_HTML = (
    "<p>pasted<script>alert(19)</script></p>"
    '<p><a href="javascript:alert(20)" onclick="alert(21)">js link</a></p>'
    '<p style="background:url(javascript:alert(22))">styled</p>'
    '<iframe src="javascript:alert(23)"></iframe><svg onload="alert(24)"></svg>'
    '<p><img src="x" onerror="alert(25)"/></p>'
)
ENTITY_EXTRAS = {"onclick": "alert(17)", "style": "background:url(javascript:alert(18))"}


def assert_inert_everywhere(page):
    """No executable markup in the stored rich text, the HTML page or the JSON."""
    page = BadgeLandingPage.objects.get(id=page.id)
    stored = [page.intro, *(item["answer"] for item in page.faq_sources())]
    for value in stored:
        assert executable_markup(value) == [], value
        assert "<script" not in value.lower()
    anonymous = Client()
    html_response = anonymous.get(page.url)
    assert html_response.status_code == 200
    html = html_response.content.decode()
    assert executable_markup(html, page=True) == []
    json_response = anonymous.get(f"/api/v1/pages/{page.id}/")
    assert json_response.status_code == 200
    assert executable_markup_in_json(json_response.content) == []
    return html, json_response.json()


@pytest.mark.django_db
def test_crafted_rich_text_and_answers_posted_through_the_admin_form(client, seed_page):
    client.force_login(make_editor("mallory"))
    editor = EditorSession(client, seed_page)
    # Links with a forbidden scheme are refused with a field error (C23, see
    # test_url_schemes.py and the end of this test); these carry crafted entity data.
    intro = contentstate(
        *((payload, None, {}) for payload in PAYLOADS),
        *(
            (f"link {number}", f"https://example.org/{number}", ENTITY_EXTRAS)
            for number in range(3)
        ),
    )
    answers = [
        (payload, contentstate((payload, None, ENTITY_EXTRAS), ("see", "https://example.org/", {})))
        for payload in PAYLOADS
    ]
    # The editor's paste path: HTML converted to contentstate as Draftail would.
    safe_link = PASTED_HTML.replace("javascript:alert(20)", "https://example.org/")
    answers.append(("Pasted HTML?", safe_link))
    response = editor.save(
        publish=True,
        title=PAYLOADS[0],
        intro_heading=PAYLOADS[1],
        faq_heading=PAYLOADS[2],
        intro=json.dumps(intro),
        **faq_stream(answers),
        **{"certification_links-0-label": PAYLOADS[3], "certification_links-0-text": PAYLOADS[7]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    html, data = assert_inert_everywhere(seed_page)
    assert [item["question"] for item in data["faqs"]] == [*PAYLOADS, "Pasted HTML?"]
    assert data["title"] == PAYLOADS[0]
    assert data["certification_links"][0]["label"] == PAYLOADS[3]

    revisions = seed_page.revisions.count()
    for url in LINK_URLS:
        refused = editor.save(intro=json.dumps(contentstate(("link", url, ENTITY_EXTRAS))))
        assert refused.status_code == 200
        assert "links are not allowed" in refused.context["form"].errors["intro"][0]
    assert seed_page.revisions.count() == revisions
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;svg onload=alert(3)&gt;" in html
    for payload in PAYLOADS:
        assert payload in data["intro"].replace("&lt;", "<").replace("&gt;", ">").replace(
            "&quot;", '"'
        ).replace("&amp;", "&")
    for number in range(3):  # the crafted entity data (onclick, style) dropped
        link = f'<a href="https://example.org/{number}">link {number}</a>'
        assert f"<p>{link}</p>" in data["intro"]


C13_VARIANTS_DOCUMENT = """\
## What is Digital Badging?

Intro <svg onload=alert(1)><circle r=1 /></svg> and <img src=x onerror=alert(2)>.

<iframe src="javascript:alert(3)"></iframe>

<div style="background:url(javascript:alert(4))">styled block</div>

Cert: [Credly certifications](https://www.credly.com/organizations/example/badges)

## FAQs

### Q: <script>alert(5)</script>

A: <a href="#" onclick="alert(6)">click</a> and <p style="x:url(javascript:alert(7))">p</p>

### Q: Plain question?

A: <math><mtext><table><mglyph><style><img src=x onerror=alert(8)>
"""


@pytest.mark.django_db
def test_importer_stores_c13_variants_as_inert_text(case_path, site):
    for text in (case_path("c13-raw-html.md").read_text(encoding="utf-8"), C13_VARIANTS_DOCUMENT):
        result = save_landing_page(parse_landing_page(text), slug="c13", publish=True)
        html, data = assert_inert_everywhere(result.page)
    assert data["faqs"][0]["question"] == "<script>alert(5)</script>"
    assert "&lt;svg onload=alert(1)&gt;" in data["intro"]
    assert '&lt;iframe src="javascript:alert(3)"&gt;' in data["intro"]
    assert "&lt;svg onload=alert(1)&gt;" in html
    assert 'onclick="alert(6)"' in data["faqs"][0]["answer"]


@pytest.mark.django_db
def test_raw_html_loaded_from_a_fixture_is_sanitised_on_output(seed_page, tmp_path):
    """Fixtures skip every form and model check; the renderer is the last line."""
    row = json.loads(serializers.serialize("json", [BadgeLandingPage.objects.get(id=seed_page.id)]))
    crafted = "".join(PAYLOADS) + '<p><a href="javascript:alert(20)">js</a></p>'
    row[0]["fields"]["intro"] = crafted
    faqs = json.loads(row[0]["fields"]["faqs"])
    faqs[0]["value"]["answer"] = crafted
    faqs[1]["value"]["answer"] = (
        '<p><a href="javascript:alert(20)">js</a> <a href=" JAVA&#x09;SCRIPT:alert(21)">js2</a> '
        '<a href="data:text/html,x">data</a> <a href="https://example.org/">ok</a></p>'
    )
    row[0]["fields"]["faqs"] = json.dumps(faqs)
    fixture = tmp_path / "crafted.json"
    fixture.write_text(json.dumps(row))
    call_command("loaddata", str(fixture), verbosity=0)

    page = BadgeLandingPage.objects.get(id=seed_page.id)
    assert "<script>alert(1)</script>" in page.intro  # stored raw by the fixture...
    html, data = assert_inert_everywhere_but_storage(page)
    assert data["intro"].startswith('<img src="x"><p>styled</p><a href="#">click</a>')  # ...inert
    assert data["faqs"][1]["answer"] == '<p>js js2 data <a href="https://example.org/">ok</a></p>'


def assert_inert_everywhere_but_storage(page):
    anonymous = Client()
    html = anonymous.get(page.url).content.decode()
    assert executable_markup(html, page=True) == []
    response = anonymous.get(f"/api/v1/pages/{page.id}/")
    assert executable_markup_in_json(response.content) == []
    return html, response.json()
