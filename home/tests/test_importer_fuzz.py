"""Property tests of the importer (Hypothesis): any text, Markdown or HTML, either imports
as a published page or fails with :class:`LandingPageImportError` (one clear sentence) and
leaves the database exactly as it was; no other exception, on SQLite and PostgreSQL."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, PageLogEntry, Revision

from badgecms.home.importing.importer import (
    LandingPageImportError,
    parse_landing_page,
    save_landing_page,
)
from badgecms.home.models import BadgeLandingPage, CertificationLink
from tests.helpers.markup import executable_markup

#: Lines the customer's template is made of, and the ways they go wrong.
FRAGMENTS = [
    "# Digital Badges", "## What is Digital Badging?", "## FAQs", "### FAQs",
    "*We encourage you to customize this template.*", "",
    "We partner with [Credly](http://info.credly.com) for badges.",
    "Tencent Cloud Certification Link: [Credly certifications](https://www.credly.com/x)",
    "Cert: [Credly](javascript:alert(1))", "Cert: [x](&#106;avascript:alert(1))",
    "Cert: [](https://www.credly.com/)", "Label: [text](not a url)", "Cert: [x](ftp://x.org)",
    "### Q: What is an open badge?", "**Q: Bold question?**", "### Q:", "**Q:**",
    "### Q: " + "x" * 300, "A: Open badges are verifiable.", "**A:** Bold answer.", "A:",
    "- a list item", "1. numbered", "> a quote", "```", "    indented code", "---",
    "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "![badge](https://x.org/b.png)",
    "<https://example.org>", "<javascript:alert(3)>", "[mail](mailto:help@example.org)",
    "| a | b |", "\ufeff### Q: BOM?", "###\u00a0Q: NBSP?", "A: crlf\r", "\x00", "\u2028",
    "&amp; &lt;b&gt; &#0;", "[ref]: https://example.org", "[x][ref]", "<!-- comment -->",
    "## What is a badge?", "Q: A pair?\nA: Its answer.", "Q11. Numbered?", "1. Listed?",
    "**Bold question?**", "### ¿Qué es?", "### バッジとは？", "---\ntitle: x\n---",
    "[Return to top](#top)", "[more](more.md)", "{:target=\"_blank\"}", "<div hidden>x</div>",
    "See [our badges](https://badgr.com/public/issuers/abc/badges).",
    "  - nested", "      - deeper", "<details><summary>Open?</summary>x</details>",
]  # fmt: skip
#: Pieces of saved web pages and pasted HTML, and the ways they go wrong.
HTML_FRAGMENTS = [
    "<!doctype html>", "<html>", "<body>", "<main>", "</main>", "<article>", "<nav>", "</nav>",
    "<header><h1>Site</h1></header>", "<footer><h2>Footer?</h2></footer>", "<h1>FAQ</h1>",
    "<h2>What is it?</h2>", "<h3>Why?</h3>", "<p>An answer.</p>", "<p>", "</p>", "<ul><li>a",
    "</li></ul>", "<details><summary>Q?</summary><p>A.</p></details>", "<dl><dt>T?</dt>",
    "<dd>D.</dd></dl>", '<a href="javascript:alert(1)">x</a>', '<a href="/rel">rel</a>',
    '<a href="https://www.credly.com/organizations/x/badges">badges</a>', "<img src=x>",
    "<script>alert(1)</script>", '<button aria-controls="p">Toggle?</button>', "<div>",
    "</div>", '<script type="application/ld+json">{"@type": "FAQPage", "mainEntity": '
    '[{"@type": "Question", "name": "LD?", "acceptedAnswer": {"text": "Yes."}}]}</script>',
    '<script type="application/ld+json">{"@type": "FAQPage", broken</script>', "<table>",
    "<td>cell</td>", "</table>", "<blockquote>q</blockquote>", "&nbsp;", "<br>",
]  # fmt: skip
documents = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=30).map(
        "\n".join
    ),
    st.lists(st.one_of(st.sampled_from(HTML_FRAGMENTS), st.text(max_size=20)), max_size=30).map(
        lambda parts: "<!doctype html>\n" + "\n".join(parts)
    ),
)


def database_state():
    return (
        list(Page.objects.order_by("id").values_list("id", "path", "title", "live")),
        Revision.objects.count(),
        CertificationLink.objects.count(),
        PageLogEntry.objects.count(),
    )


@pytest.mark.django_db
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=documents)
def test_any_text_imports_or_fails_cleanly_leaving_the_database_unchanged(site, text):
    before = database_state()
    savepoint = transaction.savepoint()
    try:
        try:
            document = parse_landing_page(text)
            result = save_landing_page(document, slug="fuzz", publish=True)
        except LandingPageImportError as error:
            message = str(error)
            assert message and "\n" not in message and "Traceback" not in message
            assert database_state() == before
            return
        page = BadgeLandingPage.objects.get(id=result.page.id)
        assert page.live and page.revisions.count() == 1
        assert [item["question"] for item in page.faq_sources()] == [
            item.question for item in document.faqs
        ]
        assert document.faqs or document.certification_links
        for link in page.certification_links.all():
            assert link.url.startswith(("http://", "https://"))
        content = page.front_end_content("https://badges.example.org")
        for html in (content["intro"], *(item["answer"] for item in content["faqs"])):
            assert executable_markup(html) == []
    finally:
        transaction.savepoint_rollback(savepoint)
