"""Open Badges documents of badges defined here: the Open Badges 2.0 hosted ``BadgeClass``
and ``Issuer`` profile (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/),
and the Open Badges 3.0 ``Achievement`` with its creator ``Profile``
(https://www.imsglobal.org/spec/ob/v3p0/). Badges hosted on Credly get none: their
canonical documents are Credly's.

How it works: docs/architecture.md, section ``badgecms.home.badges.open_badges``.
"""

from urllib.parse import urljoin

from badgecms.home.badges.structured_data import BADGE_ART_FILTER
from badgecms.home.renditions import rendition_or_original
from badgecms.home.richtext import rich_text_to_plain_text

#: JSON-LD context of Open Badges 2.0.
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
#: JSON-LD contexts of an Open Badges 3.0 document: VC 2.0, then OB 3.0.3.
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def _description(badge):
    return rich_text_to_plain_text(badge.description_html) or badge.name


def _image_url(badge, base_url):
    if badge.image is None:
        return None
    return urljoin(base_url, rendition_or_original(badge.image, BADGE_ART_FILTER).url)


def _criteria(badge):
    criteria = {"id": badge.criteria_url, "narrative": badge.criteria_narrative}
    return {key: value for key, value in criteria.items() if value} or {"narrative": badge.name}


def issuer(issuer_id, name, url, email=""):
    """Return the OB 2.0 ``Issuer`` profile: ``id`` (its own URL), ``name``, ``url`` (the
    organisation's site) and ``email`` when known."""
    profile = {"@context": OB2_CONTEXT, "type": "Issuer", "id": issuer_id, "name": name, "url": url}
    if email:
        profile["email"] = email
    return profile


def badge_class(badge, badge_class_id, issuer_id, base_url):
    """Return the OB 2.0 hosted ``BadgeClass`` of ``badge`` at ``badge_class_id``, issued
    by the ``Issuer`` at ``issuer_id``: name, description (plain text), image (absolute
    URL of the badge art), criteria (URL and narrative), skills as ``tags``."""
    document = {
        "@context": OB2_CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_id,
        "name": badge.name,
        "description": _description(badge),
        "image": _image_url(badge, base_url),
        "criteria": _criteria(badge),
        "issuer": issuer_id,
        "tags": badge.skill_names(),
    }
    return {key: value for key, value in document.items() if value not in (None, [])}


def profile(profile_id, name, url, email=""):
    """Return the OB 3.0 ``Profile`` of the issuing organisation (the ``creator`` of its
    achievements)."""
    document = {
        "@context": OB3_CONTEXT,
        "id": profile_id,
        "type": ["Profile"],
        "name": name,
        "url": url,
        "email": email,
    }
    return {key: value for key, value in document.items() if value}


def achievement(badge, achievement_id, creator, base_url):
    """Return the OB 3.0 ``Achievement`` of ``badge`` at ``achievement_id``; ``creator`` is
    the :func:`profile` document (embedded without its ``@context``)."""
    image = _image_url(badge, base_url)
    document = {
        "@context": OB3_CONTEXT,
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": badge.name,
        "description": _description(badge),
        "criteria": _criteria(badge),
        "image": {"id": image, "type": "Image", "caption": badge.alt_text} if image else None,
        "creator": {key: value for key, value in creator.items() if key != "@context"},
        "tag": badge.skill_names(),
        "humanCode": badge.slug,
    }
    return {key: value for key, value in document.items() if value not in (None, [])}
