"""The Markdown importer: the customer's seed document and the import cases of
../shared/cases (C10, C11, C13, C16, C17; C14 is in test_link_schemes.py)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision

from badgecms.home.importing.importer import (
    LandingPageImportError,
    normalise_text,
    parse_landing_page,
)
from badgecms.home.models import BadgeLandingPage
from badgecms.home.richtext import render_rich_text
from tests.helpers.word_files import markdown_to_docx

SEED_QUESTIONS = [
    "What is an open badge?",
    "How does my certification get displayed as a badge?",
    "What are the benefits of a badge?",
    "Who is Credly?",
    "How will I know if I’ve earned a badge?",
    "What if I don’t want my badge to be public?",
    "Is there a fee to use Credly?",
    "What’s to keep someone else from copying my badge and using it?",
    "Where and how can I share my badge through Credly?",
    "What are labor market insights and how can I access them through Credly?",
    "Can I export badges issued through Credly to other badge-storing platforms?",
    "Can I import badges issued from other platforms into Credly?",
    "I have a question about the Credly platform. Where can I find support?",
]
CREDLY_URL = "https://www.credly.com/organizations/tencent-cloud-llc/badges"


def run_import(*args):
    out, err = StringIO(), StringIO()
    call_command("import_landing_page", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def database_state():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        list(Page.objects.values_list("id", "title", "live", "latest_revision_id")),
    )


@pytest.mark.django_db
class TestSeedDocument:
    """Case C17."""

    def test_seed_imports_exactly_what_c17_says(self, seed_document_path, site):
        out, _ = run_import(str(seed_document_path), "--slug", "badges", "--publish")
        assert out.splitlines() == [
            "Found: the introduction “What is Digital Badging?”, 1 certification link and "
            "13 FAQ items under “FAQs”.",
            "Imported 13 FAQ items, 1 certification link into /badges/ (published)",
        ]

        page = BadgeLandingPage.objects.get(slug="badges")
        assert page.live
        assert page.intro_heading == "What is Digital Badging?"
        assert '<a href="http://info.credly.com">Credly</a>' in render_rich_text(page.intro)
        assert "We encourage you" not in page.intro
        assert "home base" not in page.intro
        links = list(page.certification_links.values_list("label", "text", "url"))
        assert links == [("Tencent Cloud Certification Link", "Credly certifications", CREDLY_URL)]
        assert page.faq_heading == "FAQs"
        items = page.faq_sources()
        assert [item["question"] for item in items] == SEED_QUESTIONS
        assert render_rich_text(items[0]["answer"]) == (
            "<p>Open badges are web-enabled versions of a credential, certification or "
            "learning outcome which can be verified in real-time, online.</p>"
        )
        assert "Credly’s digital badge platform" in items[1]["answer"]
        assert "You’re in complete control" in items[5]["answer"]
        for item in items:
            assert not item["answer"].startswith("<p>A:")
            assert item["question"] == item["question"].strip()
            assert " <" not in item["answer"] and " </p>" not in item["answer"]
        assert len({item["id"] for item in items}) == 13

    def test_importing_twice_leaves_one_page_with_two_revisions(self, seed_document_path, site):
        run_import(str(seed_document_path), "--slug", "badges", "--publish")
        page = BadgeLandingPage.objects.get(slug="badges")
        ids_before = [item["id"] for item in page.faq_sources()]

        out, _ = run_import(str(seed_document_path), "--slug", "badges")

        assert out.splitlines()[-1] == (
            "Imported 13 FAQ items, 1 certification link into /badges/ (draft)"
        )
        assert BadgeLandingPage.objects.filter(slug="badges").count() == 1
        page = BadgeLandingPage.objects.get(slug="badges")
        assert page.revisions.count() == 2
        assert page.has_unpublished_changes
        draft = page.get_latest_revision_as_object()
        assert [item["id"] for item in draft.faq_sources()] == ids_before

    def test_draft_import_creates_an_unpublished_page(self, seed_document_path, site):
        out, _ = run_import(str(seed_document_path), "--slug", "draft-badges")
        page = BadgeLandingPage.objects.get(slug="draft-badges")
        assert not page.live
        assert page.revisions.count() == 1
        assert out.strip().endswith("(draft)")

    def test_parent_by_path_and_id(self, seed_document_path, seed_page):
        run_import(str(seed_document_path), "--slug", "child", "--parent", "/")
        child = BadgeLandingPage.objects.get(slug="child")
        assert child.get_parent().id == seed_page.id
        run_import(str(seed_document_path), "--slug", "grandchild", "--parent", str(child.id))
        assert BadgeLandingPage.objects.get(slug="grandchild").get_parent().id == child.id

    def test_locale_option_puts_the_page_in_that_wagtail_locale(
        self, seed_document_path, site, settings
    ):
        settings.WAGTAIL_I18N_ENABLED = True
        settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Spanish")]
        spanish = Locale.objects.create(language_code="es")
        run_import(str(seed_document_path), "--slug", "insignias", "--locale", "es")
        assert BadgeLandingPage.objects.get(slug="insignias").locale == spanish

        before = database_state()
        with pytest.raises(CommandError) as raised:
            run_import(str(seed_document_path), "--slug", "otra", "--locale", "zz")
        assert str(raised.value) == (
            "Import failed: the site has no locale “zz” (--locale); it has: en, es."
        )
        with pytest.raises(CommandError) as raised:
            run_import(str(seed_document_path), "--slug", "insignias", "--locale", "en")
        assert str(raised.value) == (
            "Import failed: the page with the slug “insignias” is in the locale es, not en "
            "(--locale)."
        )
        assert database_state() == before

    def test_unknown_parent_is_a_clear_error(self, seed_document_path, site):
        with pytest.raises(CommandError, match=r"no page is at the path /nowhere/ \(--parent\)"):
            run_import(str(seed_document_path), "--parent", "/nowhere/")


@pytest.mark.django_db
class TestCases:
    def test_c10_byte_order_mark(self, case_path, site):
        document = parse_landing_page(case_path("c10-bom.md").read_text(encoding="utf-8"))
        assert [item.question for item in document.faqs] == [
            "What is the badge?",
            "How do I claim it?",
        ]
        assert render_rich_text(document.faqs[0].answer) == "<p>A verified digital credential.</p>"

    def test_c11_crlf_and_non_breaking_space(self, case_path, site):
        run_import(str(case_path("c11-nbsp-crlf.md")), "--slug", "c11")
        page = BadgeLandingPage.objects.get(slug="c11").get_latest_revision_as_object()
        items = page.faq_sources()
        assert [item["question"] for item in items] == [
            "How long is the badge valid?",
            "Can I renew it?",
        ]
        assert [render_rich_text(item["answer"]) for item in items] == [
            "<p>Three years from the date it is issued.</p>",
            "<p>Yes, by passing the current exam.</p>",
        ]
        for text in [page.intro, *(v for item in items for v in item.values())]:
            assert "\r" not in text and "\u00a0" not in text
            assert "Q:" not in text and "A:" not in text
        assert [(link.label, link.url) for link in page.certification_links.all()] == [
            (
                "Example Cloud Certification Link",
                "https://www.credly.com/organizations/example-cloud/badges",
            )
        ]

    def test_c13_raw_html_is_inert_text(self, case_path, site, client):
        run_import(str(case_path("c13-raw-html.md")), "--slug", "c13", "--publish")
        page = BadgeLandingPage.objects.get(slug="c13")
        answer = page.faq_sources()[0]["answer"]
        assert "<script" not in answer and "<img" not in answer
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer
        assert "&lt;img src=x onerror=alert(2)&gt;" in answer
        html = client.get(page.url).content.decode()
        detail = client.get(f"/api/v1/pages/{page.id}/").json()
        # The JSON's HTML fields; ``answer_text`` is plain text, where "<" is only a letter.
        json_html = [detail["intro"], *(item["answer"] for item in detail["faqs"])]
        for body in (html, *json_html):
            assert "<script>alert" not in body
            assert "<img src=x" not in body and '<img src="x"' not in body
        assert detail["faqs"][0]["answer_text"] == (
            "Yes. <script>alert(1)</script> and <img src=x onerror=alert(2)> are only text here."
        )
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_c16_no_structure_exits_non_zero_with_one_sentence(self, case_path, site):
        before = database_state()
        with pytest.raises(CommandError) as raised:
            run_import(str(case_path("bad-no-faq.md")))
        assert str(raised.value) == (
            "Import failed: No landing page found in the document: expected questions "
            "(headings or bold lines ending in “?”, “Q:”/“A:” pairs or numbered questions) with "
            "their answers, or a link to the organisation's badges."
        )
        assert database_state() == before


@pytest.mark.django_db
class TestParsing:
    def test_bold_questions_and_multi_paragraph_answers(self):
        document = parse_landing_page(
            "## FAQs\n\n**Q: First?**\n\n**A:** One.\n\nTwo.\n\n- three\n- four\n\n"
            "**Q: Second?**\n\nA: Five.\n"
        )
        assert [(item.question, render_rich_text(item.answer)) for item in document.faqs] == [
            ("First?", "<p>One.</p><p>Two.</p><ul><li>three</li><li>four</li></ul>"),
            ("Second?", "<p>Five.</p>"),
        ]
        assert document.faq_heading == "FAQs"

    def test_emphasis_across_a_pair_split_is_closed_and_reopened(self):
        """Regression (hypothesis found ``*0\nA:*``): a paragraph split before an ``A:``
        line inside emphasis gave Wagtail's converter unbalanced tags (AssertionError)."""
        document = parse_landing_page(
            "# Badges\n\n*Intro text\nA: still intro*\n\n### What is a badge?\n\nYes."
        )
        assert render_rich_text(document.intro) == (
            "<p><i>Intro text</i></p><p><i>A: still intro</i></p>"
        )
        assert [item.question for item in document.faqs] == ["What is a badge?"]
        document = parse_landing_page("Q: Why?\n**A: Because\nit is** good.\n\nQ: How?\nA: So.")
        assert [(item.question, render_rich_text(item.answer)) for item in document.faqs] == [
            ("Why?", "<p><b>Because it is</b> good.</p>"),
            ("How?", "<p>So.</p>"),
        ]
        with pytest.raises(LandingPageImportError):
            parse_landing_page("*0\nA:*")

    def test_question_without_answer_names_its_line(self):
        with pytest.raises(LandingPageImportError, match=r"^line 7: the question “Lonely\?” "):
            parse_landing_page("## FAQs\n\n### Q: Fine?\n\nA: Yes.\n\n### Q: Lonely?\n")

    def test_too_long_question_names_its_line(self):
        with pytest.raises(LandingPageImportError, match=r"^line 1: the question is 300 "):
            parse_landing_page(f"### Q: {'x' * 300}\n\nA: y\n")

    def test_normalise_text(self):
        assert normalise_text("\ufeffa \r\n \r\nb\u00a0c’\rd") == "a\n\nb c’\nd"

    def test_unreadable_and_binary_files(self, tmp_path, site):
        with pytest.raises(CommandError, match="cannot read"):
            run_import(str(tmp_path / "missing.md"))
        binary = tmp_path / "image.md"
        binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
        with pytest.raises(CommandError, match="is not a UTF-8 text file"):
            run_import(str(binary))

    def test_failure_after_first_write_leaves_database_unchanged(
        self, seed_document_path, site, monkeypatch
    ):
        before = database_state()

        def fail(*args, **kwargs):
            raise LandingPageImportError("forced failure after the page was written.")

        monkeypatch.setattr(BadgeLandingPage, "save_revision", fail)
        with pytest.raises(CommandError, match="forced failure"):
            run_import(str(seed_document_path), "--slug", "interrupted", "--publish")
        assert database_state() == before

    def test_collect_problems_covers_questions_and_missing_structure(self):
        document = parse_landing_page(
            "## FAQs\n\n### Q: Fine?\n\nA: Yes.\n\n### Q: Lonely?\n\n### Q: \n\nA: x\n",
            collect_problems=True,
        )
        assert [str(problem) for problem in document.problems] == [
            "line 7: the question “Lonely?” has no answer.",
            "line 9: a question is empty.",
        ]
        assert [item.question for item in document.faqs] == ["Fine?"]
        empty = parse_landing_page("Just text.\n", collect_problems=True)
        assert [str(problem) for problem in empty.problems] == [
            "No landing page found in the document: expected questions (headings or bold lines "
            "ending in “?”, “Q:”/“A:” pairs or numbered questions) with their answers, or a link "
            "to the organisation's badges."
        ]

    def test_command_imports_a_word_document(self, seed_document_path, tmp_path, site):
        path = tmp_path / "template.docx"
        path.write_bytes(markdown_to_docx(seed_document_path.read_text()))
        call_command("import_landing_page", str(path), "--slug", "word", verbosity=0)
        page = BadgeLandingPage.objects.get(slug="word").get_latest_revision_as_object()
        assert len(page.faq_sources()) == 13
        assert page.faq_sources()[5]["question"] == "What if I don’t want my badge to be public?"
