"""The admin preview request of the benchmark: what Wagtail's preview panel sends when an
editor changes the form (a POST of the whole edit form to ``…/edit/preview/``) followed by
the GET of the preview it then loads (mode ``api``, the JSON a frontend receives)."""

from statistics import median
from time import perf_counter

from django.test import Client

from bench.seed import admin_user
from tests.helpers.editor_forms import editor_form_data


def preview_form_data(page):
    """The editor's form for ``page`` with the first FAQ answer edited (not saved)."""
    faqs = [
        {"id": item["id"], "question": item["question"], "answer": item["answer"]}
        for item in page.faq_sources()
    ]
    if faqs:
        faqs[0] = {**faqs[0], "answer": "<p>An answer the editor is typing.</p>"}
    return editor_form_data(page, faqs=faqs)


def preview_request(client, page, data=None, mode="api"):
    """POST ``data`` (default :func:`preview_form_data`) to the page's preview, then GET
    the preview in ``mode``; return the GET's response. ``client`` is logged in to the
    admin. Raises ``AssertionError`` if the form is invalid or the preview fails."""
    url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = client.post(url, preview_form_data(page) if data is None else data)
    assert posted.json() == {"is_valid": True, "is_available": True}, posted.content[:300]
    response = client.get(url, {"mode": mode, "in_preview_panel": "true"})
    assert response.status_code == 200, response.status_code
    return response


def preview_milliseconds(page, repeats=5):
    """Median milliseconds of the admin preview request of ``page`` (:func:`preview_request`
    by a logged-in admin, in this process: the POST of the form and the GET of the
    preview), after one warm-up request. The form data is built once, outside the
    timing (converting rich text to the editor's format is the browser's work)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin_user())
    data = preview_form_data(page)  # built once: the browser has it ready
    preview_request(client, page, data)
    times = []
    for _ in range(repeats):
        start = perf_counter()
        preview_request(client, page, data)
        times.append(perf_counter() - start)
    return median(times) * 1000
