"""Form data of the landing page editor, as the admin's edit form posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from badgecms.home.tests.badge_builders import badges_form_data


def landing_page_form_data(page, *, faqs=None, links=None, action=None, **fields):
    """Return POST data for the edit form of ``page`` (its content unless overridden).

    ``faqs``: ``[(question, answer_html), …]``; ``links``: ``[(label, text, url), …]``;
    ``action``: ``"publish"``, ``"submit"`` … adds ``action-<name>``; other keyword
    arguments override top-level fields (``go_live_at="2030-01-01 09:00"``).
    """
    if faqs is None:
        faqs = [(item["question"], item["answer"]) for item in page.faq_sources()]
    existing = [
        {"id": link.id, "label": link.label, "text": link.text, "url": link.url}
        for link in page.certification_links.all()
    ]
    if links is None:
        link_forms = existing
    else:  # the stored links are deleted, the given ones added
        link_forms = [{**form, "DELETE": "1"} for form in existing] + [
            {"label": label, "text": text, "url": url} for label, text, url in links
        ]
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro_heading": page.intro_heading,
            "intro": rich_text(page.intro),
            "faq_heading": page.faq_heading,
            "faqs": streamfield(
                [("faq", {"question": q, "answer": rich_text(a)}) for q, a in faqs]
            ),
            "certification_links": inline_formset(link_forms, initial=len(existing)),
            "comments": inline_formset([]),
            **badges_form_data(page),
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "go_live_at": "",
            "expire_at": "",
            **fields,
        }
    )
    if action:
        data[f"action-{action}"] = action
    return data
