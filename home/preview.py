"""Extension point for extra admin preview modes of ``home.BadgeLandingPage``.

How it works: docs/architecture.md, section ``badgecms.home.preview``.
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
