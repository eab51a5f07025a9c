"""Renditions for the public page, the API and the Open Badges and schema.org documents
that fall back to the original image when a rendition cannot be made (disk full).

How it works: docs/architecture.md, section ``badgecms.home.renditions``.
"""

import logging

from wagtail.images.models import Filter

from badgecms.home.caching.responses import invalidate
from badgecms.home.media_storage import is_disk_full

logger = logging.getLogger(__name__)


def original_as_rendition(image, filter_spec):
    """Return an unsaved rendition of ``image`` for ``filter_spec`` (a Wagtail filter
    spec string) that shows the original file: its ``url``, ``width`` and ``height``
    (pixels) are the original's."""
    rendition = image.get_rendition_model()(
        image=image, filter_spec=filter_spec, width=image.width, height=image.height
    )
    rendition.file.name = image.file.name
    return rendition


def rendition_or_original(image, filter_spec):
    """Return ``image.get_rendition(filter_spec)`` (``filter_spec``: a spec string or a
    ``Filter``), or, when making it raises ``OSError`` (media disk full, original file
    missing or unreadable), :func:`original_as_rendition`.

    A fallback is logged (warning). When the disk or quota is full (the one cause that
    goes away by itself) it also starts a new content generation, so that no response
    showing it is served from the response cache: once the disk has room, the next
    request makes the rendition. A missing or unreadable original starts none: it does not
    recover until an editor replaces the image, and a new generation on every view of
    its page would empty the response cache of the whole site. A failed write leaves no
    rendition row and, with :class:`~badgecms.home.media_storage.MediaStorage`, no file.
    """
    try:
        return image.get_rendition(filter_spec)
    except OSError as error:
        spec = filter_spec.spec if isinstance(filter_spec, Filter) else filter_spec
        logger.warning(
            "Rendition %s of image %s could not be made, showing the original: %s",
            spec,
            image.pk,
            error,
        )
        if is_disk_full(error):
            invalidate()
        return original_as_rendition(image, spec)


def renditions_or_original(image, *filter_specs):
    """Return ``{filter_spec: rendition}`` for ``filter_specs`` (spec strings): the
    renditions that exist (prefetched with ``prefetch_renditions``: no query), the others
    made as :func:`rendition_or_original` makes them.

    Missing renditions are made one at a time (Wagtail's ``get_or_create`` path), not in
    one batch as Wagtail's ``get_renditions`` does: a batch writes every file before it
    inserts the rows, so a failure half-way would leave files without rows.
    """
    filters = {spec: image.clean_filter_for_svg(Filter(spec)) for spec in filter_specs}
    found = image.find_existing_renditions(*filters.values())
    return {
        spec: found[filter] if filter in found else rendition_or_original(image, filter)
        for spec, filter in filters.items()
    }
