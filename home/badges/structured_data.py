"""schema.org structured data of badges: an ``ItemList`` of
``EducationalOccupationalCredential`` items (https://schema.org/EducationalOccupationalCredential),
built from the badges a page shows, for the page's JSON-LD and the API's
``badges_structured_data``.
"""

from collections.abc import Iterable
from urllib.parse import urljoin

from badgecms.home.renditions import rendition_or_original
from badgecms.home.richtext import rich_text_to_plain_text

#: The rendition of badge art given as ``image`` (the API's ``medium`` rendition).
BADGE_ART_FILTER = "max-800x800"


def credential(badge, base_url: str) -> dict:
    """Return the schema.org ``EducationalOccupationalCredential`` of ``badge``.

    ``badge.description_html`` (set by
    :func:`badgecms.home.badges.gallery.render_descriptions`) gives ``description`` as
    plain text; ``base_url`` (``"https://host"``) makes the image URL absolute.
    ``url`` is the badge's canonical page: Credly's for a synced badge, else its "earn"
    URL or criteria URL; skills become ``competencyRequired`` ``DefinedTerm`` items.
    Empty properties are left out.
    """
    item = {
        "@type": "EducationalOccupationalCredential",
        "name": badge.name,
        "description": rich_text_to_plain_text(badge.description_html),
        "url": badge.credly_url or badge.earn_url or badge.criteria_url,
        "credentialCategory": badge.badge_type or "badge",
        "educationalLevel": badge.level,
        "competencyRequired": [
            {"@type": "DefinedTerm", "name": name} for name in badge.skill_names()
        ],
    }
    if badge.image is not None:
        item["image"] = urljoin(base_url, rendition_or_original(badge.image, BADGE_ART_FILTER).url)
    return {key: value for key, value in item.items() if value}


def credential_list(badges: Iterable, base_url: str) -> dict:
    """Return a schema.org ``ItemList`` of :func:`credential` items, one ``ListItem`` per
    badge in order (``position`` from 1)."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": credential(badge, base_url)}
            for position, badge in enumerate(badges, start=1)
        ],
    }
