"""A read-only client of Credly's web service API: an organisation's badge templates and
their images.

How it works: docs/architecture.md, section ``badgecms.home.badges.credly``.
"""

from io import BytesIO
from urllib.parse import quote

import requests
from PIL import Image, UnidentifiedImageError

from badgecms.home.conf import home_settings

#: Most pages read in one sync (a guard against a server that never ends its list).
MAX_PAGES = 500
#: Largest badge image accepted, in bytes.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: Image formats accepted from Credly (Pillow's names) and the file extension of each.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


class CredlyError(Exception):
    """Credly could not give what the sync needs; ``str(error)`` is one sentence."""


class CredlyClient:
    """Reads from Credly with ``token`` (HTTP Basic user name) at ``base_url``, each
    request limited to ``timeout`` seconds; defaults from the ``CREDLY_*`` settings."""

    def __init__(self, base_url=None, token=None, timeout=None):
        self.base_url = (base_url or home_settings.CREDLY_API_BASE_URL).rstrip("/")
        self.token = token if token is not None else home_settings.CREDLY_API_TOKEN
        self.timeout = float(timeout if timeout is not None else home_settings.CREDLY_TIMEOUT)
        if not self.token:
            raise CredlyError(
                "No Credly API token is configured: set the CREDLY_API_TOKEN environment variable."
            )
        self.session = requests.Session()
        self.session.auth = (self.token, "")
        self.session.headers["Accept"] = "application/json"
        # Images live on Credly's image host: the token is never sent there.
        self.image_session = requests.Session()

    def _get(self, url, what, session=None, not_found=None, **kwargs):
        try:
            response = (session or self.session).get(url, timeout=self.timeout, **kwargs)
        except requests.Timeout:
            raise CredlyError(
                f"Credly did not answer within {self.timeout:g} seconds while reading {what}; "
                "nothing was changed."
            ) from None
        except requests.RequestException as error:
            raise CredlyError(
                f"Could not reach Credly at {self.base_url} while reading {what} "
                f"({type(error).__name__}); nothing was changed."
            ) from None
        if response.status_code == 401:
            raise CredlyError(
                "Credly refused the API token (HTTP 401): check CREDLY_API_TOKEN; nothing was "
                "changed."
            )
        if response.status_code == 404:
            raise CredlyError(
                f"Credly found no {not_found or what} (HTTP 404); nothing was changed."
            )
        if response.status_code == 429:
            wait = response.headers.get("Retry-After", "").strip()
            later = f"in {wait} seconds" if wait.isdigit() else "later"
            raise CredlyError(
                f"Credly is limiting requests (HTTP 429): try again {later}; nothing was changed."
            )
        if response.status_code != 200:
            raise CredlyError(
                f"Credly answered HTTP {response.status_code} while reading {what}; nothing "
                "was changed."
            )
        return response

    def badge_templates(self, organization_id):
        """Return every badge template of ``organization_id`` (a list of Credly's
        template dicts, in Credly's order), reading all pages.

        Raises :class:`CredlyError` on any failure, including a page that is not JSON or
        lacks a ``data`` list of objects with an ``id`` and a ``name``.
        """
        organization = quote(str(organization_id), safe="")
        url = f"{self.base_url}/v1/organizations/{organization}/badge_templates"
        templates = []
        page = 1
        while True:
            what = f"page {page} of the badge templates of organization “{organization_id}”"
            response = self._get(
                url,
                what,
                not_found=f"organization “{organization_id}” or no access to it",
                params={"page": page},
            )
            try:
                body = response.json()
            except ValueError:
                raise CredlyError(
                    f"Credly's answer for {what} is not JSON; nothing was changed."
                ) from None
            data = body.get("data") if isinstance(body, dict) else None
            metadata = body.get("metadata") if isinstance(body, dict) else None
            if not isinstance(data, list) or not all(
                isinstance(item, dict) and item.get("id") and item.get("name") for item in data
            ):
                raise CredlyError(
                    f"Credly's answer for {what} is not a list of badge templates; nothing was "
                    "changed."
                )
            templates.extend(data)
            total_pages = metadata.get("total_pages") if isinstance(metadata, dict) else None
            if not isinstance(total_pages, int) or page >= min(total_pages, MAX_PAGES):
                return templates
            page += 1

    def image(self, url):
        """Return ``(bytes, extension)`` of the badge image at ``url`` (Credly's
        ``image_url``), the extension (``"png"``…) from the image's own format; raises
        :class:`CredlyError` for a failed download, a file over 10 MB or one that is not a
        PNG, JPEG, GIF or WebP image."""
        response = self._get(
            url,
            f"the badge image {url}",
            session=self.image_session,
            not_found=f"badge image at {url}",
        )
        if len(response.content) > MAX_IMAGE_BYTES:
            raise CredlyError(f"The badge image {url} is over 10 MB; nothing was changed.")
        try:
            with Image.open(BytesIO(response.content)) as image:
                image_format = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            image_format = None
        if image_format not in IMAGE_FORMATS:
            raise CredlyError(
                f"The badge image {url} is not a PNG, JPEG, GIF or WebP image; nothing was changed."
            )
        return response.content, IMAGE_FORMATS[image_format]
