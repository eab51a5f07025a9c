"""Build the POST data of the Wagtail page editor for a BadgeLandingPage, as the
browser sends it (StreamField and InlinePanel fields with their order and ids)."""

from wagtail.test.utils.form_data import nested_form_data, rich_text

from badgecms.faq.blocks import ANSWER_FEATURES
from badgecms.home.models import INTRO_FEATURES
from badgecms.home.tests.badge_builders import badges_form_data


def landing_page_form_data(page, *, faqs=None, links=None, action=None, **fields):
    """Return editor POST data for ``page``.

    ``faqs``: list of dicts ``{"id", "question", "answer" (HTML), "order"}`` in form
    position; defaults to the page's items in order. ``links``: list of dicts ``{"id",
    "label", "text", "url", "ORDER", "DELETE"}``; defaults to the page's links.
    ``action``: ``"publish"``, ``"submit"``... adds ``action-<name>``. Other keyword
    arguments override page fields (``title``, ``intro`` as HTML...).
    """
    if faqs is None:
        faqs = [
            {"id": item["id"], "question": item["question"], "answer": item["answer"]}
            for item in page.faq_sources()
        ]
    if links is None:
        links = [
            {"id": link.id, "label": link.label, "text": link.text, "url": link.url}
            for link in page.certification_links.all()
        ]
    stream = {"count": str(len(faqs))}
    for index, item in enumerate(faqs):
        stream[str(index)] = {
            "type": "faq",
            "id": item.get("id") or "",
            "deleted": item.get("deleted", ""),
            "order": str(item.get("order", index)),
            "value": {
                "question": item["question"],
                "answer": rich_text(item["answer"], features=ANSWER_FEATURES),
            },
        }
    formset = {
        "TOTAL_FORMS": str(len(links)),
        "INITIAL_FORMS": str(sum(1 for link in links if link.get("id"))),
        "MIN_NUM_FORMS": "0",
        "MAX_NUM_FORMS": "1000",
    }
    for index, link in enumerate(links):
        formset[str(index)] = {
            "id": link.get("id") or "",
            "label": link["label"],
            "text": link["text"],
            "url": link["url"],
            "ORDER": str(link.get("ORDER", index + 1)),
            "DELETE": link.get("DELETE", ""),
        }
    data = {
        "title": fields.pop("title", page.title),
        "slug": fields.pop("slug", page.slug),
        "intro_heading": fields.pop("intro_heading", page.intro_heading),
        "intro": rich_text(fields.pop("intro", page.intro), features=INTRO_FEATURES),
        "badge_image": fields.pop("badge_image", page.badge_image_id or ""),
        "faq_heading": fields.pop("faq_heading", page.faq_heading),
        "faqs": stream,
        "certification_links": formset,
        **badges_form_data(page),
        "seo_title": fields.pop("seo_title", page.seo_title),
        "search_description": fields.pop("search_description", page.search_description),
        **fields,
    }
    form_data = nested_form_data(data)
    if action:
        form_data[f"action-{action}"] = f"action-{action}"
    return form_data
