"""Webhook endpoints: the addresses they may have, their secret, the events they want."""

import pytest
from django.core.exceptions import ValidationError
from standardwebhooks import Webhook

from badgecms.api.webhooks.addresses import refused_address
from badgecms.api.webhooks.models import EventType, WebhookEndpoint


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/hooks",
        "http://192.168.1.20/hooks",
        "http://172.16.0.1/hooks",
        "http://169.254.169.254/latest/meta-data/",  # link-local: cloud metadata
        "http://[fe80::1]/hooks",
        "http://0.0.0.0/hooks",
        "http://[::ffff:10.0.0.5]/hooks",
        "http://224.0.0.1/hooks",
        # 10.0.0.1 inside IPv6 translation prefixes (adversarial review): NAT64, 6to4.
        "http://[64:ff9b::a00:1]/hooks",
        "http://[2002:a00:1::]/hooks",
    ],
)
def test_private_addresses_are_refused(db, url):
    endpoint = WebhookEndpoint(url=url)
    with pytest.raises(ValidationError) as raised:
        endpoint.full_clean()
    [message] = raised.value.message_dict["url"]
    assert "private, loopback, link-local or reserved address" in message


def test_loopback_is_refused_unless_allowed(db, settings):
    settings.BADGECMS = {**settings.BADGECMS, "WEBHOOKS_ALLOWED_PRIVATE_NETWORKS": []}
    assert "127.0.0.1 resolves to 127.0.0.1" in refused_address("http://127.0.0.1:8000/hooks")
    assert "resolves to ::1" in refused_address("http://[::1]:8000/hooks")
    settings.BADGECMS = {
        **settings.BADGECMS,
        "WEBHOOKS_ALLOWED_PRIVATE_NETWORKS": ["127.0.0.0/8"],
    }
    assert refused_address("http://127.0.0.1:8000/hooks") is None
    assert refused_address("http://10.0.0.5/hooks") is not None


def test_public_address_is_accepted(db):
    assert refused_address("https://93.184.215.14/hooks") is None


@pytest.mark.parametrize("url", ["ftp://example.org/hooks", "file:///etc/passwd", "/hooks"])
def test_only_http_and_https(db, url):
    with pytest.raises(ValidationError) as raised:
        WebhookEndpoint(url=url).full_clean()
    assert "url" in raised.value.message_dict


def test_unresolvable_host_is_refused(db):
    assert "cannot be resolved" in refused_address("https://no-such-host.invalid/hooks")


def test_secret_is_a_standard_webhooks_secret(db):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1/hooks")
    assert endpoint.secret.startswith("whsec_")
    assert len(Webhook(endpoint.secret)._whsecret) == 32
    old = endpoint.secret
    assert endpoint.rotate_secret() != old
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert WebhookEndpoint.objects.create(url="http://127.0.0.1/other").secret != endpoint.secret


def test_events_default_to_all(db):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1/hooks")
    assert endpoint.events == []
    assert all(endpoint.wants(event) for event in EventType.values)
    endpoint.events = [EventType.PAGE_PUBLISHED]
    assert endpoint.wants(EventType.PAGE_PUBLISHED)
    assert not endpoint.wants(EventType.PAGE_DELETED)
    assert endpoint.wants(EventType.PING)


def test_switching_on_again_clears_the_reason(db):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1/hooks")
    WebhookEndpoint.objects.filter(id=endpoint.id).update(
        enabled=False, disabled_reason="Switched off: failing"
    )
    endpoint.refresh_from_db()
    endpoint.enabled = True
    endpoint.save()
    endpoint.refresh_from_db()
    assert (endpoint.enabled, endpoint.disabled_reason, endpoint.failing_since) == (True, "", None)
