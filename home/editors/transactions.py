"""Page editor requests in one transaction: a "create page" or "edit page" submission
is committed whole or not at all.

- Two identical "create page" submissions at the same moment (a double click, two
  editors) give the second one Wagtail's form error about the slug instead of a 500
  from ``add_child``.
- A publish from the edit view (revision, page, log entries, search and reference
  index, webhook event) survives the process being killed half-way: it is all there or
  none of it is.

How it works: docs/architecture.md, section ``badgecms.home.editors.transactions``.
"""

from django.db import transaction
from wagtail.models import Page

# Set on a request already running inside the transaction (the view is called again).
_IN_TRANSACTION = "badgecms_view_in_transaction"


def run_view_in_one_transaction(request, locked_page_id):
    """Run the view of ``request`` (a ``POST``) again inside one transaction that first
    locks the page ``locked_page_id`` (``SELECT ... FOR UPDATE``; on SQLite the
    transaction holds the write lock from its start) and return its response, rendered
    inside the transaction. Returns None for any other method, and for the view called
    again (Wagtail then goes on as usual). Exceptions of the view roll everything back
    and propagate."""
    if request.method != "POST" or getattr(request, _IN_TRANSACTION, False):
        return None
    setattr(request, _IN_TRANSACTION, True)
    match = request.resolver_match
    with transaction.atomic():
        list(Page.objects.select_for_update().filter(pk=locked_page_id).values_list("pk"))
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
        return response


def create_page_in_one_transaction(request, parent_page, page_class):
    """``before_create_page`` hook: a ``POST`` runs in one transaction holding the parent
    page's lock (see :func:`run_view_in_one_transaction`); returns its response or None."""
    return run_view_in_one_transaction(request, parent_page.pk)


def edit_page_in_one_transaction(request, page):
    """``before_edit_page`` hook: a ``POST`` (save, publish, submit, workflow action…)
    runs in one transaction holding the page's lock (see
    :func:`run_view_in_one_transaction`); returns its response or None."""
    return run_view_in_one_transaction(request, page.pk)
