"""How the importer recognises certification links among the introduction's blocks.

How it works: docs/architecture.md, section ``badgecms.home.importing.certification_links``.
"""

import re

from django.core.exceptions import ValidationError

from badgecms.home.importing.document import CertificationLinkData, LandingPageImportError
from badgecms.home.validators import url_scheme, validate_http_url

#: Where certification links point: an organisation's (or issuer's) badges.
BADGES_URL = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:"
    r"credly\.com/(?:organizations|org|users)/[^/?#]+"
    r"|youracclaim\.com/(?:organizations|org)/[^/?#]+"
    r"|badgr\.(?:com|io)/(?:public/(?:issuers|badges|assertions)|backpack/badges)/"
    r"|accredible\.com/(?:[^/?#]+/)?(?:issuer|group|credential)s?/"
    r"|credential\.net/"
    r"|[^/]+/public/issuers/"
    r")",
    re.I,
)
_PLATFORMS = (("credly", "Credly"), ("acclaim", "Credly"), ("badgr", "Badgr"))


def platform(url):
    """The name of the badge platform ``url`` points at: ``"Credly"``, ``"Badgr"`` or
    ``"Accredible"`` (also for other Open Badges issuers)."""
    return next((name for key, name in _PLATFORMS if key in url.lower()), "Accredible")


def _labelled_link_problem(label, href, line):
    try:
        validate_http_url(href)
    except ValidationError as error:
        scheme = url_scheme(href)
        reason = f"link scheme {scheme}: refused" if scheme else "not a web address"
        return LandingPageImportError(
            f"certification link “{label}”: {reason} ({href!r}); {error.messages[0]}", line
        )
    return None


def split_certification_links(intro_blocks):
    """Return ``(links, fragments, problems)`` for the introduction's blocks: the
    certification links (:class:`CertificationLinkData`, document order, each URL once),
    the HTML fragments that stay the introduction (a ``Label: [text](url)`` line leaves
    it; a paragraph holding a badges link stays, link and all) and a
    :class:`LandingPageImportError` per labelled link that is not a web address.
    A link without a label in the document is labelled "<platform> badges"."""
    links, fragments, problems = [], [], []
    for block in intro_blocks:
        if block.label and len(block.links) == 1:
            link = block.links[0]
            problem = _labelled_link_problem(block.label, link.href, block.line)
            if problem:
                problems.append(problem)
            else:
                text = link.text or block.label
                links.append(CertificationLinkData(block.label, text, link.href, block.line))
            continue
        fragments.append(block.html)
        for link in block.links:
            if BADGES_URL.match(link.href) and link.href not in {known.url for known in links}:
                label = f"{platform(link.href)} badges"
                text = link.text or label
                links.append(CertificationLinkData(label, text, link.href, block.line))
    return links, fragments, problems
