"""The page editor's preview POSTs (the whole edit form as ``multipart/form-data``, sent at
each change) parsed by the ``multipart`` library, about four times faster than Django's
parser on a large page's form (issue 15). How it works: docs/architecture.md.
"""

import re
from io import BytesIO
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParser
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict
from multipart import MultipartError, MultipartParser

#: ``(namespace, URL name)`` of the views that receive the editor's form for a preview:
#: Wagtail's preview panel and the "Frontend" preview (badgecms.api).
PREVIEW_VIEWS = frozenset(
    {
        ("wagtailadmin_pages", "preview_on_edit"),
        ("wagtailadmin_pages", "preview_on_add"),
        ("frontend_preview", "edit"),
        ("frontend_preview", "add"),
    }
)


# Parts taken here: a text field as browsers send it (one header, exactly this one) with
# a plain name (Wagtail's: "faqs-0-value-answer"). Any other part (a file, another
# header, a quoted or escaped name) sends the whole request to Django's parser.
_PLAIN_NAME = re.compile(r"[\w\-.:\[\] ]*", re.ASCII)


class PreviewPostData(QueryDict):
    """The ``QueryDict`` of a preview POST's text fields (``str`` names and values).

    What Wagtail's preview view does with it at each change, done in fewer steps with
    the same result: copied (``copy()``: the lists of values are copied, the strings
    shared, as they are immutable) and URL-encoded for its ``FormState`` (one
    ``urlencode`` call over all pairs instead of one per pair; the same string).
    """

    def __deepcopy__(self, memo):
        """A mutable copy, as ``QueryDict``'s (which ``copy()`` returns)."""
        result = type(self)("", mutable=True, encoding=self.encoding)
        memo[id(self)] = result
        for key, values in self.lists():
            dict.__setitem__(result, key, list(values))
        return result

    def urlencode(self, safe=None):
        """The same string as ``QueryDict.urlencode(safe)``."""
        if safe:
            return super().urlencode(safe)
        pairs = [(key, value) for key, values in self.lists() for value in values]
        return urlencode(pairs, encoding=self.encoding)


def is_preview_post(request):
    """True for a ``multipart/form-data`` POST to one of :data:`PREVIEW_VIEWS`."""
    if request.method != "POST" or request.content_type != "multipart/form-data":
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return (match.namespaces[-1] if match.namespaces else "", match.url_name) in PREVIEW_VIEWS


def parse_form(request):
    """Return ``request``'s form fields as Django's parser would give them (a
    :class:`PreviewPostData`, values decoded with ``request.encoding`` or
    ``DEFAULT_CHARSET``,
    undecodable bytes replaced, names stripped), or None when Django's parser must do
    it: any part but a text field with only the header
    ``Content-Disposition: form-data; name="…"`` and a name of letters, digits and
    ``_-.:[] `` (a file, a ``Content-Transfer-Encoding``, an escaped name), more fields
    than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``, a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``
    or without a boundary, or a malformed body (Django then answers as it always does,
    400 for the limits). Reads ``request.body``.
    """
    boundary = request.content_params.get("boundary")
    max_size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if (
        not boundary
        or not MultiPartParser.boundary_re.fullmatch(boundary)
        or (max_size is not None and length > max_size)
    ):
        return None
    encoding = request.encoding or settings.DEFAULT_CHARSET
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    try:
        body = request.body
    except (UnreadablePostError, RequestDataTooBig):
        return None  # Django's parser meets the same error, where Django handles it
    # Everything in memory: the body is already there, and no part may be a file.
    size = len(body) + 1
    parser = MultipartParser(
        BytesIO(body),
        boundary,
        len(body),
        memory_limit=size,
        spool_limit=size,
        part_limit=float("inf"),
    )
    fields = PreviewPostData(mutable=True, encoding=encoding)
    try:
        for count, part in enumerate(parser, start=1):
            name = part.name or ""
            if (
                part.filename is not None
                or not _PLAIN_NAME.fullmatch(name)
                or part.headerlist != [("Content-Disposition", f'form-data; name="{name}"')]
                or (max_fields is not None and count > max_fields)
            ):
                return None
            fields.appendlist(name.strip(), part.raw.decode(encoding, "replace"))
    except MultipartError:
        return None
    fields._mutable = False
    return fields


class PreviewFormParsingMiddleware:
    """Parses the form of the page editor's preview POSTs with :func:`parse_form` before
    anything reads ``request.POST``: place it before any middleware that reads it
    before the view (``CsrfViewMiddleware`` reads it in ``process_view``, after every
    middleware's own request step, so any place in ``MIDDLEWARE`` does for Django's
    own). Every other request, and a preview POST :func:`parse_form` leaves alone, goes
    to Django's parser as usual. Optional: without it previews are the same, only
    slower."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_preview_post(request):
            fields = parse_form(request)
            if fields is not None:
                request._post, request._files = fields, MultiValueDict()
        return self.get_response(request)
