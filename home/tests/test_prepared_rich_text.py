"""Rich text prepared at save (issue 15, point 3): a saved page's intro and answers are
served from their prepared entries with no full render, byte for byte as the full
render gives them; URLs that change without the page being saved (a moved page, an
unpublished one) are current; a forged or stale entry is never used; a preview of
unsaved content shows the editor's values without saving anything."""

from copy import deepcopy
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.models import Page

from badgecms.home import prepared_rich_text
from badgecms.home.models import BadgeLandingPage
from badgecms.home.prepared_rich_text import (
    prepare_rich_text,
    render_prepared_many,
    value_key,
)
from badgecms.home.richtext import render_rich_text_many, rich_text_to_plain_text_many
from tests.helpers.editor_forms import current_faqs, editor_form_data, faq
from tests.helpers.images import make_image
from tests.helpers.markup import embedded_image, internal_link

pytestmark = pytest.mark.django_db

BASE = "http://localhost"


@pytest.fixture
def full_renders(monkeypatch):
    """The values each full render of the request path was called with (list of lists)."""
    calls = []

    def recording(sources, base_url=""):
        calls.append(list(sources))
        return render_rich_text_many(sources, base_url)

    monkeypatch.setattr(prepared_rich_text, "render_rich_text_many", recording)
    return calls


@pytest.fixture
def document(db):
    return get_document_model().objects.create(
        title="Badge policy", file=ContentFile(b"Policy", name="badge-policy.txt")
    )


def full_render(sources, base_url=BASE):
    """What the page's values render to without anything prepared: ``[(html, text)]``."""
    htmls = render_rich_text_many(sources, base_url)
    return list(zip(htmls, rich_text_to_plain_text_many(htmls), strict=True))


def served(page, base_url=BASE):
    """``[(html, text)]`` of the intro and answers of ``page`` fresh from the database."""
    page = BadgeLandingPage.objects.get(id=page.id)
    content = page.front_end_content(base_url)
    return [
        (content["intro"], rich_text_to_plain_text_many([content["intro"]])[0]),
        *((item["answer"], item["answer_text"]) for item in content["faqs"]),
    ]


@pytest.fixture
def rich_page(make_landing_page, target, document):
    image = make_image(title="Picture", description="A picture")
    return make_landing_page(
        title="Rich",
        slug="rich",
        intro=f"<p>Intro, see {internal_link(target, 'the target')} &amp; more.</p>",
        faqs=[
            ("Link?", f"<p>Go to {internal_link(target, 'target')} now.</p>"),
            ("Image?", f"<p>Look:</p>{embedded_image(image, alt='A &quot;badge&quot;')}"),
            ("Left?", embedded_image(image, alt="Left", image_format="left")),
            ("Document?", f'<p>Read <a linktype="document" id="{document.id}">the policy</a></p>'),
            ("Local?", '<p>A <a href="/local/path?a=1&amp;b=2">local link</a>.</p>'),
            ("External?", '<p><a href="https://example.org/">External</a> <i>text</i></p>'),
            ("Script?", "<p>Text<script>alert(1)</script> &lt;b&gt;</p>"),
        ],
    )


def test_a_saved_page_is_served_from_its_prepared_values_byte_for_byte(
    rich_page, document, full_renders
):
    """No full render on the request path; the bytes are those of the full render."""
    sources = rich_page.rich_text_sources()
    stored = BadgeLandingPage.objects.get(id=rich_page.id).prepared_rich_text
    assert set(stored) == {value_key(source) for source in sources}
    expected = full_render(sources)
    full_renders.clear()
    assert served(rich_page) == expected
    assert served(rich_page, "") == full_render(sources, "")
    assert full_renders == []
    assert expected[4][0] == (
        f'<p>Read <a href="http://localhost/documents/{document.id}/badge-policy.txt">'
        "the policy</a></p>"
    )
    assert expected[5][0] == (
        '<p>A <a href="http://localhost/local/path?a=1&amp;b=2">local link</a>.</p>'
    )
    assert expected[2][0].startswith('<p>Look:</p><img alt="A &quot;badge&quot;" class=')


def test_the_seed_page_is_served_from_its_prepared_values_byte_for_byte(seed_page, full_renders):
    expected = full_render(seed_page.rich_text_sources())
    full_renders.clear()
    assert served(seed_page) == expected
    assert full_renders == []


def test_a_linked_page_that_moves_shows_its_new_url_without_saving_the_linking_page(
    linking, target, make_landing_page, full_renders
):
    assert served(linking)[0][0] == (
        '<p>See <a href="http://localhost/target/">the target</a>.</p>'
    )
    section = make_landing_page(title="Section", slug="section")
    Page.objects.get(id=target.id).specific.move(section, pos="last-child")
    assert served(linking)[0][0] == (
        '<p>See <a href="http://localhost/section/target/">the target</a>.</p>'
    )
    assert full_renders == []
    # Unpublished: the link is unwrapped, by the full render of that value only.
    Page.objects.get(id=target.id).specific.unpublish()
    assert served(linking)[0][0] == "<p>See the target.</p>"
    assert full_renders == [[linking.intro]]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda entry: entry.update(html=entry["html"] + "<script>alert(1)</script>"),
        lambda entry: entry.update(text="forged"),
        lambda entry: entry.update(mac="0" * 64),
        lambda entry: entry.pop("mac"),
        lambda entry: entry.update(embeds={"0": {"id": "1"}}),
    ],
    ids=["html", "text", "mac", "no-mac", "embeds"],
)
def test_a_tampered_entry_is_not_used(rich_page, full_renders, tamper):
    stored = deepcopy(BadgeLandingPage.objects.get(id=rich_page.id).prepared_rich_text)
    answer = rich_page.faq_sources()[0]["answer"]
    tamper(stored[value_key(answer)])
    BadgeLandingPage.objects.filter(id=rich_page.id).update(prepared_rich_text=stored)
    expected = full_render(rich_page.rich_text_sources())
    full_renders.clear()
    assert served(rich_page) == expected
    assert full_renders == [[answer]]


def test_entries_sealed_with_another_secret_key_are_not_used(rich_page, full_renders):
    sources = rich_page.rich_text_sources()
    expected = full_render(sources)
    full_renders.clear()
    with override_settings(SECRET_KEY="another-secret-key-of-another-site-0123456789"):
        assert served(rich_page) == expected
    assert full_renders == [sources]


def test_entries_sealed_before_a_key_rotation_are_used(rich_page, settings, full_renders):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-secret-key-after-rotation-0123456789abcdef"
    expected = full_render(rich_page.rich_text_sources())
    full_renders.clear()
    assert served(rich_page) == expected
    assert full_renders == []


def test_an_entry_of_another_value_is_not_used(rich_page, full_renders):
    """An entry copied under another value's key fails its seal (the key is sealed)."""
    stored = deepcopy(BadgeLandingPage.objects.get(id=rich_page.id).prepared_rich_text)
    intro_key, answer_key = (value_key(source) for source in rich_page.rich_text_sources()[:2])
    stored[answer_key] = stored[intro_key]
    BadgeLandingPage.objects.filter(id=rich_page.id).update(prepared_rich_text=stored)
    served(rich_page)
    assert full_renders == [[rich_page.faq_sources()[0]["answer"]]]


def test_unchanged_values_keep_their_entries_when_the_page_is_edited(rich_page):
    before = BadgeLandingPage.objects.get(id=rich_page.id).prepared_rich_text
    draft = rich_page.get_latest_revision_as_object()
    draft.faqs[0].value["answer"] = draft.faqs[0].value["answer"].__class__("<p>New.</p>")
    draft.save_revision().publish()
    after = BadgeLandingPage.objects.get(id=rich_page.id).prepared_rich_text
    kept = {key: before[key] for key in after if key in before}
    assert len(kept) == len(before) - 1
    assert all(after[key] == entry for key, entry in kept.items())
    assert after[value_key("<p>New.</p>")]["html"] == "<p>New.</p>"


def test_placeholder_lookalikes_typed_by_an_editor_stay_text():
    fake = "https://0123456789abcdef0123.invalid/p1_"
    sources = [f'<p>{fake} <a href="{fake}">x</a></p>']
    prepared = prepare_rich_text(sources)
    assert render_prepared_many([(sources[0], prepared)], BASE) == full_render(sources)


def test_the_migration_fills_existing_pages(rich_page, full_renders):
    BadgeLandingPage.objects.filter(id=rich_page.id).update(prepared_rich_text={})
    import_module("badgecms.home.migrations.0006_fill_prepared_rich_text").fill(apps, None)
    stored = BadgeLandingPage.objects.get(id=rich_page.id).prepared_rich_text
    assert set(stored) == {value_key(source) for source in rich_page.rich_text_sources()}
    expected = full_render(rich_page.rich_text_sources())
    full_renders.clear()
    assert served(rich_page) == expected
    assert full_renders == []


def test_a_preview_of_unsaved_content_shows_the_editors_values(
    make_landing_page, target, editor_client, full_renders
):
    """The edited answer is rendered in memory; the unchanged ones come from the entries
    of the draft (saved as the editor writes them, with block keys); nothing is saved."""
    page = make_landing_page(
        title="Previewed",
        intro='<p data-block-key="i0">Intro.</p>',
        faqs=[
            ("First?", '<p data-block-key="k0">Saved answer.</p>'),
            *(
                (f"Q{n}?", f'<p data-block-key="k{n}">See {internal_link(target, "it")} {n}.</p>')
                for n in range(1, 4)
            ),
        ],
    )
    stored = BadgeLandingPage.objects.get(id=page.id).prepared_rich_text
    faqs = current_faqs(page)
    faqs[0] = faq(faqs[0]["question"], "<p>Typed, not saved.</p>", faqs[0]["id"])
    url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = editor_client.post(url, editor_form_data(page, faqs=faqs))
    assert posted.json() == {"is_valid": True, "is_available": True}
    full_renders.clear()
    preview = editor_client.get(url, {"mode": "api", "in_preview_panel": "true"}).json()
    assert preview["faqs"][0]["answer"] == "<p>Typed, not saved.</p>"
    assert preview["faqs"][0]["answer_text"] == "Typed, not saved."
    assert [item["answer"] for item in preview["faqs"][1:]] == [
        f'<p>See <a href="http://localhost/target/">it</a> {n}.</p>' for n in range(1, 4)
    ]
    assert len(full_renders) == 1  # one batch: the typed answer only
    assert [source.split(">", 1)[1] for source in full_renders[0]] == ["Typed, not saved.</p>"]
    assert BadgeLandingPage.objects.get(id=page.id).prepared_rich_text == stored


PIECES = st.sampled_from(
    [
        "text ",
        "<p>",
        "</p>",
        "<ul><li>",
        "</li></ul>",
        '<a linktype="page" id="{live}">live</a>',
        '<a linktype="page" id="{draft}">draft</a>',
        '<a linktype="page" id="999999">gone</a>',
        '<a linktype="page" id="x">odd</a>',
        '<a linktype="document" id="{document}">doc</a>',
        '<a linktype="document" id="999999">gone doc</a>',
        '<embed embedtype="image" id="{image}" format="left" alt="it&#x27;s &amp; &lt;"/>',
        '<embed embedtype="image" id="{image}" format="nonexistent" alt=""/>',
        '<embed embedtype="image" id="999999" format="left" alt="gone"/>',
        '<a href="https://example.org/?a=1&amp;b=2">external</a>',
        '<a href="/root/relative">relative</a>',
        '<a href="javascript:alert(1)">script</a>',
        '<img src="/media/x.png" alt="x">',
        "https://0123456789abcdef0123.invalid/e0_",
        "&amp; &nbsp; é",
        "<table><td>",
        "\x00",
    ]
)


def test_prepared_values_render_as_the_full_renderer(make_landing_page, document):
    """Property: for any mix of links, embeds and markup, a prepared value renders to the
    bytes (and plain text) of the full render, with any base URL."""
    targets = {
        "live": make_landing_page(title="Live", slug="live").id,
        "draft": make_landing_page(title="Draft", slug="draft", publish=False).id,
        "document": document.id,
        "image": make_image().id,
    }
    prepared_counts = []

    @hypothesis_settings(
        max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(
        values=st.lists(st.lists(PIECES, max_size=12).map("".join), min_size=1, max_size=4),
        base_url=st.sampled_from(["", BASE]),
    )
    def check(values, base_url):
        sources = [value.format(**targets) for value in values]
        prepared = prepare_rich_text(sources)
        prepared_counts.append(len(prepared))
        expected = full_render(sources, base_url)
        pairs = [(source, prepared) for source in sources]
        assert render_prepared_many(pairs, base_url) == expected

    check()
    assert sum(prepared_counts) > len(prepared_counts)  # not only full renders
