"""Which addresses a webhook may be sent to: the CMS must not be turned against its own
network (server-side request forgery), so private, loopback, link-local, multicast and
reserved addresses are refused unless ``WEBHOOKS_ALLOWED_PRIVATE_NETWORKS`` lists them.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

from badgecms.api.conf import api_settings


def allowed_private_networks():
    """The networks of ``WEBHOOKS_ALLOWED_PRIVATE_NETWORKS`` (CIDR strings such as
    ``"127.0.0.0/8"``) as :mod:`ipaddress` network objects."""
    return [
        ipaddress.ip_network(network, strict=False)
        for network in api_settings.WEBHOOKS_ALLOWED_PRIVATE_NETWORKS
    ]


def is_public(address, allowed=()):
    """True when ``address`` (an IPv4/IPv6 address object) is globally routable, or lies
    in one of the ``allowed`` networks."""
    if any(address in network for network in allowed if address.version == network.version):
        return True
    if address.version == 6:
        embedded = embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded, allowed)
    return address.is_global and not address.is_multicast


#: NAT64's well-known prefix (RFC 6052): the last 32 bits are an IPv4 address.
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")


def embedded_ipv4(address):
    """The IPv4 address an IPv6 ``address`` carries and reaches (IPv4-mapped, 6to4,
    Teredo server, NAT64 well-known prefix), or ``None``."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refused_address(url):
    """Return a sentence saying why ``url`` may not receive webhooks, or ``None``.

    The host is resolved (``socket.getaddrinfo``); every address it resolves to must be
    public (see :func:`is_public`). A host that does not resolve is refused too.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Enter an absolute http:// or https:// URL."
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as error:
        return f"The host {parts.hostname!r} cannot be resolved ({error})."
    allowed = allowed_private_networks()
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not is_public(address, allowed):
            return (
                f"{parts.hostname} resolves to {address}, a private, loopback, link-local or "
                "reserved address: webhooks are sent only to public addresses "
                "(see WEBHOOKS_ALLOWED_PRIVATE_NETWORKS)."
            )
    return None


def validate_webhook_url(url):
    """Model/form validator: raise :class:`ValidationError` when :func:`refused_address`
    refuses ``url``."""
    reason = refused_address(url)
    if reason:
        raise ValidationError(reason, code="refused_address")
