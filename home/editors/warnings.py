"""Warnings for editors: content that is valid but probably a mistake.

How it works: docs/architecture.md, section ``badgecms.home.editors.warnings``.
"""

from urllib.parse import urlsplit

from badgecms.home.conf import home_settings

_RESERVED_HOSTS = ("example.com", "example.net", "example.org", "localhost")
_RESERVED_SUFFIXES = (
    *(f".{host}" for host in _RESERVED_HOSTS),
    ".example",
    ".test",
    ".invalid",
)
# Path prefixes under which Credly (and its former Acclaim domain) names an organisation.
_ORGANISATION_PATHS = ("organizations", "organisations", "org")


def placeholder_organisations():
    """Return the lower-case markers of a placeholder organisation slug."""
    markers = home_settings.PLACEHOLDER_ORGANISATIONS
    return [marker.lower() for marker in markers]


def organisation_slug(url):
    """Return the organisation slug of a Credly-style URL
    (``https://www.credly.com/organizations/<slug>/badges``), or ``""``."""
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    for position, segment in enumerate(segments[:-1]):
        if segment.lower() in _ORGANISATION_PATHS:
            return segments[position + 1].lower()
    return ""


def placeholder_reason(url):
    """Return why ``url`` looks like an example or placeholder address, or None."""
    host = (urlsplit(url).hostname or "").lower()
    if host in _RESERVED_HOSTS or host.endswith(_RESERVED_SUFFIXES):
        return f"{host} is a reserved example domain"
    organisation = organisation_slug(url)
    if organisation and any(marker in organisation for marker in placeholder_organisations()):
        return f"the organisation “{organisation}” is a placeholder from the template"
    return None


def placeholder_link_warnings(links):
    """Return one sentence per link (objects with ``label`` and ``url``) that points at
    an example or placeholder organisation."""
    warnings = []
    for link in links:
        reason = placeholder_reason(link.url or "")
        if reason:
            warnings.append(
                f"Certification link “{link.label}” points at {link.url}: {reason}. "
                "Replace it with your organisation's address on Credly."
            )
    return warnings


def duplicate_question_warnings(questions):
    """Return one sentence per repeated question in ``questions`` (strings, page order),
    numbering FAQ items from 1: ``"FAQ 5 repeats the question of FAQ 2: “…”"``."""
    first_seen, warnings = {}, []
    for number, question in enumerate(questions, start=1):
        key = " ".join((question or "").split()).casefold()
        if not key:
            continue
        if key in first_seen:
            warnings.append(
                f"FAQ {number} repeats the question of FAQ {first_seen[key]}: “{question}”."
            )
        else:
            first_seen[key] = number
    return warnings


def page_warnings(page):
    """Return every editor warning of a landing page (saved or not), in page order."""
    return [
        *placeholder_link_warnings(page.certification_links.all()),
        *duplicate_question_warnings(item["question"] for item in page.faq_sources()),
    ]
