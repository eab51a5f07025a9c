"""How a page slug is made from a title: the one rule the ``import_landing_page`` command
and the admin import share, and the one Wagtail applies to a page saved without a slug."""

from django.conf import settings
from django.utils.text import slugify


def slug_for_title(title):
    """Return the slug of ``title`` (a string) as Wagtail makes it in ``Page.full_clean``:
    Django's ``slugify``, keeping non-ASCII letters (``"¿Qué son?"`` gives ``"qué-son"``)
    unless the Wagtail setting ``WAGTAIL_ALLOW_UNICODE_SLUGS`` is false. May return
    ``""`` (a title of punctuation only, or non-Latin letters with that setting off)."""
    return slugify(title, allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))
