"""Draft previews as JSON: the token-protected preview endpoint for frontends and the
admin's "API JSON" preview mode.

Both render the previewed, in-memory page with
:class:`~badgecms.api.serializers.LandingPageSerializer`, the serializer of the detail endpoint,
so a preview has exactly the published page's shape.
"""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.fields import DateTimeField
from rest_framework.response import Response
from rest_framework.views import APIView

from badgecms.api.errors import InvalidParameter
from badgecms.api.framework import ContentAPIConfigMixin, extend_schema
from badgecms.api.params import refuse_repeated
from badgecms.api.preview_tokens import (
    TOKEN_PARAMETER,
    ExpiredPreviewToken,
    PreviewTokenMismatch,
    read_preview_token,
)
from badgecms.api.renderers import HTMLSafeJSONRenderer
from badgecms.api.schema import ErrorSerializer
from badgecms.api.serializers import LandingPageSerializer
from badgecms.home.models import BadgeLandingPage

#: Query parameters the preview endpoint accepts.
PREVIEW_PARAMETERS = (TOKEN_PARAMETER, "id")
#: Longest token accepted; real ones are about 55 characters.
MAX_TOKEN_LENGTH = 500


def preview_body(page, request, previewed_at):
    """Return the preview JSON of ``page``: the detail JSON plus ``"preview": true``,
    ``preview_created_at`` (when the previewed state was taken, ISO 8601) and
    ``latest_revision_created_at`` (the saved revision it was based on, or null)."""
    to_json = DateTimeField().to_representation
    revision_created_at = page.latest_revision_created_at
    return {
        **LandingPageSerializer(page, context={"request": request}).data,
        "preview": True,
        "preview_created_at": to_json(previewed_at),
        "latest_revision_created_at": to_json(revision_created_at) if revision_created_at else None,
    }


class PreviewSerializer(LandingPageSerializer):
    """Schema of a preview: the detail JSON plus the preview fields of :func:`preview_body`."""

    preview = serializers.BooleanField(help_text="Always true: this is a draft, not live.")
    preview_created_at = serializers.DateTimeField(
        help_text="When the previewed state was taken (ISO 8601)."
    )
    latest_revision_created_at = serializers.DateTimeField(
        allow_null=True, help_text="The saved revision the preview is based on, or null."
    )


class PreviewView(ContentAPIConfigMixin, APIView):
    """``GET /api/v1/preview/?token=<token>[&id=<page id>]``: the previewed state a
    preview token was made for.

    Returns 200 with :func:`preview_body`. ``id``, when given, must be the page the
    token was made for. Errors (API error body): 400 ``invalid_parameter`` for a
    missing token, a malformed ``id`` or an unknown parameter; 403 ``invalid_token``
    (malformed or altered), ``expired_token`` (lifetime over, preview deleted) or
    ``token_mismatch`` (made for another page). Never falls back to the live page.
    Every response, errors included, carries ``Cache-Control: no-store`` and
    ``X-Robots-Tag: noindex``.
    """

    @extend_schema(
        operation_id="retrievePreview",
        tags=["preview"],
        parameters=[
            OpenApiParameter(
                TOKEN_PARAMETER, str, required=True, description="The signed preview token."
            ),
            OpenApiParameter("id", int, description="The page id the token must be for."),
        ],
        responses={
            200: PreviewSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Missing token or bad parameter."),
            403: OpenApiResponse(
                ErrorSerializer, description="Invalid, expired or mismatched token."
            ),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests."),
        },
    )
    def get(self, request):
        params = request.query_params
        for name in params:
            if name not in PREVIEW_PARAMETERS:
                raise InvalidParameter(name, f"Unknown parameter {name!r}: use token (and id).")
        refuse_repeated(params)
        token = params.get(TOKEN_PARAMETER, "")
        if not token:
            raise InvalidParameter(TOKEN_PARAMETER, "The token parameter is required.")
        if len(token) > MAX_TOKEN_LENGTH:
            raise InvalidParameter(TOKEN_PARAMETER, "The token parameter is too long.")
        page_id = params.get("id")
        if page_id is not None and not (page_id.isascii() and page_id.isdigit()):
            raise InvalidParameter("id", "id must be a page id (a positive whole number).")

        preview = read_preview_token(token)
        if page_id is not None and preview.page_id != int(page_id):
            raise PreviewTokenMismatch(field="id")
        page = preview.as_page()
        if not isinstance(page, BadgeLandingPage):
            raise ExpiredPreviewToken()
        return Response(preview_body(page, request, preview.created_at))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


def serve_api_json_preview(page, request):
    """Admin preview mode "API JSON": the detail JSON of the in-memory ``page`` as the
    content API would send it (same serializer, same escaping), indented by 2 spaces."""
    data = LandingPageSerializer(page, context={"request": request}).data
    body = HTMLSafeJSONRenderer().render(data, renderer_context={"indent": 2})
    return HttpResponse(body, content_type="application/json; charset=utf-8")
