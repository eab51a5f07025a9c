"""The one builder of page editor form data: what the Wagtail page editor posts for a
landing page after an editor changed, reordered, added or deleted FAQ items and
certification links (the StreamField and InlinePanel widgets submit ``order``/``ORDER``
and ``deleted``/``DELETE`` fields; the form applies them).
"""

import json
from urllib.parse import parse_qs, urlsplit

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from badgecms.faq.blocks import ANSWER_FEATURES
from badgecms.home.models import INTRO_FEATURES
from badgecms.home.tests.badge_builders import badges_form_data


def faq(question, answer, id=""):
    """One FAQ item of :func:`editor_form_data`: ``id`` is the block id ("" for new)."""
    return {"id": id, "question": question, "answer": answer}


def link(label, text, url, id=""):
    """One certification link of :func:`editor_form_data`: ``id`` is its pk ("" for new)."""
    return {"id": id, "label": label, "text": text, "url": url}


def current_faqs(page):
    """The FAQ items of ``page`` as :func:`faq` dicts, in page order."""
    return [faq(item["question"], item["answer"], item["id"]) for item in page.faq_sources()]


def current_links(page):
    """The certification links of ``page`` as :func:`link` dicts, in page order."""
    return [link(x.label, x.text, x.url, x.pk) for x in page.certification_links.all()]


def editor_form_data(page=None, *, faqs=None, links=None, action=None, **fields):
    """Return the POST data of the page editor for ``page`` (``None``: a new page).

    ``faqs`` and ``links`` are the items in their new order (built with :func:`faq` and
    :func:`link`, or tuples ``(question, answer)`` and ``(label, text, url)`` for new
    items; ``None`` keeps the page's); items ``page`` has that are not listed are
    submitted as deleted. ``action``: ``"publish"``, ``"submit"``… adds
    ``action-<name>``. ``fields`` override the page's other fields (``title``, ``slug``,
    ``go_live_at``…); ``intro`` and FAQ answers are HTML, or a dict of Draftail
    contentstate posted as it is (a crafted request, see :func:`contentstate`).
    """
    faqs = current_faqs(page) if faqs is None and page else faqs or []
    links = current_links(page) if links is None and page else links or []
    faqs = [{"id": "", **item} if isinstance(item, dict) else faq(*item) for item in faqs]
    links = [{"id": "", **item} if isinstance(item, dict) else link(*item) for item in links]
    values = {
        "title": page.title if page else "",
        "slug": page.slug if page else "",
        "intro_heading": page.intro_heading if page else "What is Digital Badging?",
        "intro": page.intro if page else "",
        "faq_heading": page.faq_heading if page else "FAQs",
        "seo_title": page.seo_title if page else "",
        "search_description": page.search_description if page else "",
        **fields,
    }
    values["intro"] = editor_rich_text(values["intro"], INTRO_FEATURES)
    data = nested_form_data(
        {
            **badges_form_data(page),
            "badge_image": page.badge_image_id or "" if page else "",
            "faqs": _faq_stream(page, faqs),
            "certification_links": _link_formset(page, links),
            "comments": inline_formset([]),
            **values,
        }
    )
    if action:
        data[f"action-{action}"] = f"action-{action}"
    return data


def editor_rich_text(value, features):
    """What a Draftail field posts for ``value``: HTML converted as the editor would, or
    a contentstate dict as raw JSON."""
    if isinstance(value, dict):
        return json.dumps(value)
    return rich_text(value, features=features)


def _faq_stream(page, faqs):
    existing = [block["id"] for block in page.faqs.raw_data] if page else []
    new_order = {item["id"]: position for position, item in enumerate(faqs) if item["id"]}
    by_id = {item["id"]: item for item in faqs if item["id"]}
    blocks = {}
    for index, block_id in enumerate(existing):  # the widget keeps existing indices
        item = by_id.get(block_id)
        blocks[str(index)] = _faq_block(
            item or {"question": "", "answer": ""}, block_id, new_order.get(block_id, index)
        )
        if item is None:
            blocks[str(index)]["deleted"] = "1"
    for position, item in enumerate(faqs):
        if not item["id"]:
            blocks[str(len(blocks))] = _faq_block(item, "", position)
    return {**blocks, "count": str(len(blocks))}


def _faq_block(item, block_id, order):
    value = {
        "question": item["question"],
        "answer": editor_rich_text(item["answer"], ANSWER_FEATURES),
    }
    return {"type": "faq", "id": block_id, "deleted": "", "order": str(order), "value": value}


def _link_formset(page, links):
    existing = list(page.certification_links.all()) if page else []
    # Like the InlinePanel's script: ORDER counts from 1 (Django's initial values).
    listed = {str(item["id"]): n for n, item in enumerate(links, start=1) if item["id"]}
    by_id = {str(item["id"]): item for item in links if item["id"]}
    forms = []
    for stored in existing:
        item = by_id.get(str(stored.pk))
        form = {
            "id": str(stored.pk),
            "label": (item or {}).get("label", stored.label),
            "text": (item or {}).get("text", stored.text),
            "url": (item or {}).get("url", stored.url),
            "ORDER": str(listed.get(str(stored.pk), 0)),
            "DELETE": "" if item else "1",
        }
        forms.append(form)
    for number, item in enumerate(links, start=1):
        if not item["id"]:
            forms.append({**item, "ORDER": str(number), "DELETE": ""})
    return inline_formset(forms, initial=len(existing))


def token_of(response):
    """Return the ``token`` query parameter of the Location of a "Preview in frontend"
    redirect."""
    assert response.status_code == 302, response.content[:500]
    return parse_qs(urlsplit(response["Location"]).query)["token"][0]


def contentstate(*paragraphs):
    """Draftail contentstate for paragraphs ``(text, link_url_or_None, extra_entity_data)``;
    a link covers the whole paragraph."""
    blocks, entity_map = [], {}
    for number, (text, url, extra) in enumerate(paragraphs):
        ranges = []
        if url is not None:
            entity_map[str(number)] = {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": url, **extra},
            }
            ranges = [{"offset": 0, "length": len(text), "key": number}]
        blocks.append(
            {
                "key": f"b{number}",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": ranges,
                "data": dict(extra),
            }
        )
    return {"blocks": blocks, "entityMap": entity_map}
