"""Extension point for extra admin preview modes of ``home.BadgeLandingPage``.

Wagtail's preview panel lists a page's ``preview_modes`` and calls
``serve_preview(request, mode_name)`` for the one the editor picks. The HTML page
(mode ``""``) is ``home``'s own; other renderings belong to other apps (the content
API's "API JSON" mode lives in ``api``), and ``home`` must not import them.

So other apps register modes through a Wagtail hook, the same mechanism Wagtail uses
for its own admin extensions (``wagtail_hooks.py`` modules are discovered at start-up)::

    from wagtail import hooks
    from badgecms.home.preview import PREVIEW_MODE_HOOK, PreviewMode

    @hooks.register(PREVIEW_MODE_HOOK)
    def register_my_mode():
        return PreviewMode(name="my-mode", label="My mode", serve=serve_my_mode)

``serve(page, request)`` receives the in-memory page being previewed (which may have
no primary key, URL, ``first_published_at`` or live revision) and returns an
``HttpResponse``. Data still flows one way: ``api`` imports ``home``, never the reverse.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from wagtail import hooks

#: Name of the Wagtail hook under which apps register extra landing page preview modes.
PREVIEW_MODE_HOOK = "register_badge_landing_page_preview_mode"


@dataclass(frozen=True)
class PreviewMode:
    """One admin preview mode: ``name`` (the ``mode`` query value), ``label`` (shown
    in the preview panel) and ``serve(page, request) -> HttpResponse``."""

    name: str
    label: str
    serve: Callable[[object, HttpRequest], HttpResponse]


def registered_preview_modes() -> list[PreviewMode]:
    """Return the preview modes registered under :data:`PREVIEW_MODE_HOOK`, in hook
    order; hooks that return ``None`` are skipped."""
    modes = (register() for register in hooks.get_hooks(PREVIEW_MODE_HOOK))
    return [mode for mode in modes if mode is not None]
