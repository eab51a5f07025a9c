"""Preview tokens: signed, expiring, single-state capabilities to read one page preview.

How it works: docs/architecture.md, section ``badgecms.api.preview_tokens``.
"""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.utils import timezone
from rest_framework import exceptions, status

from badgecms.api.models import PagePreview, preview_token_max_age

#: Salt of the preview token signatures (a namespace, not a secret: SECRET_KEY is the
#: secret); a token is worthless to any other signer.
TOKEN_SALT = "badgecms.api.preview_token"  # noqa: S105
#: Query parameter that carries the token to the frontend and to the preview endpoint.
TOKEN_PARAMETER = "token"  # noqa: S105
_SIGNER_SEPARATOR = "."


class PreviewTokenError(exceptions.APIException):
    """A preview token that cannot be honoured (HTTP 403); ``field`` is the parameter."""

    status_code = status.HTTP_403_FORBIDDEN
    default_code = "invalid_token"
    default_detail = "This preview token is not valid."

    def __init__(self, detail=None, field=TOKEN_PARAMETER):
        super().__init__(detail or self.default_detail, code=self.default_code)
        self.field = field


class InvalidPreviewToken(PreviewTokenError):
    """Malformed token or altered signature."""


class ExpiredPreviewToken(PreviewTokenError):
    """The token's lifetime has ended, or its preview no longer exists."""

    default_code = "expired_token"
    default_detail = (
        "This preview link has expired. Open a new one with “Preview in frontend” in the "
        "page editor."
    )


class PreviewTokenMismatch(PreviewTokenError):
    """The token was made for another page than the one asked for."""

    default_code = "token_mismatch"
    default_detail = "This preview token was not made for the requested page."


def _signer():
    return signing.TimestampSigner(salt=TOKEN_SALT, sep=_SIGNER_SEPARATOR)


def issue_preview_token(page, user) -> str:
    """Store ``page`` (an in-memory page, saved or not) as a new preview and return its
    token, valid for ``PREVIEW_TOKEN_MAX_AGE`` seconds.

    Permission to edit the page must have been checked by the caller. Expired previews
    are deleted first.
    """
    now = timezone.now()
    PagePreview.objects.expired(now).delete()
    key = secrets.token_urlsafe(32)
    PagePreview.objects.create(
        key=key,
        page_id=page.pk,
        content_type=ContentType.objects.get_for_model(page),
        content=page.serializable_data(),
        created_by=user if getattr(user, "pk", None) else None,
        created_at=now,
        expires_at=now + preview_token_max_age(),
    )
    return _signer().sign(key)


def read_preview_token(token: str) -> PagePreview:
    """Return the :class:`~badgecms.api.models.PagePreview` that ``token`` names.

    Raises :class:`InvalidPreviewToken` for a malformed or altered token and
    :class:`ExpiredPreviewToken` when its lifetime has ended (signed timestamp or row)
    or its preview was deleted (pruned, or the page was deleted). Expired previews are
    deleted on the way.
    """
    try:
        key = _signer().unsign(token, max_age=preview_token_max_age())
    except signing.SignatureExpired as error:
        PagePreview.objects.expired().delete()
        raise ExpiredPreviewToken() from error
    except signing.BadSignature as error:
        raise InvalidPreviewToken() from error
    # Only a genuine token gets this far: forged tokens cost no query at all.
    now = timezone.now()
    PagePreview.objects.expired(now).delete()
    preview = (
        PagePreview.objects.filter(key=key, expires_at__gt=now)
        .select_related("content_type")
        .first()
    )
    if preview is None:
        raise ExpiredPreviewToken()
    return preview
