"""Creating pages one at a time: two identical "create page" submissions at the same
moment (a double click, two editors) give the second one Wagtail's form error about the
slug instead of a 500 from ``add_child``.

How it works: docs/architecture.md, section ``badgecms.home.editors.creation``.
"""

from django.db import transaction
from wagtail.models import Page

# Set on a request already running inside the transaction (the view is called again).
_IN_TRANSACTION = "badgecms_create_in_transaction"


def create_page_in_one_transaction(request, parent_page, page_class):
    """``before_create_page`` hook: for a ``POST``, run the create view again inside one
    transaction holding the parent page's lock and return its response; otherwise None
    (Wagtail goes on as usual)."""
    if request.method != "POST" or getattr(request, _IN_TRANSACTION, False):
        return None
    setattr(request, _IN_TRANSACTION, True)
    match = request.resolver_match
    with transaction.atomic():
        list(Page.objects.select_for_update().filter(pk=parent_page.pk).values_list("pk"))
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
        return response
