"""Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one
username from one address, even the right password is refused until the cool-off ends."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"
LOCKED = "Account locked: too many login attempts. Please try again later."


@pytest.fixture
def throttling(settings):
    """Switch django-axes on (the test settings keep it off for the test client's login)."""
    settings.AXES_ENABLED = True
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 1


@pytest.fixture
def account(db):
    """The account whose logins are throttled (a superuser "editor" with PASSWORD)."""
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(client, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": "editor", "password": password}, REMOTE_ADDR=address)


def test_failed_logins_lock_the_account_out(client, throttling, account):
    for _ in range(4):
        response = log_in(client, "wrong password")
        assert response.status_code == 200
        assert "Your username and password didn&#x27;t match. Please try again." in (
            response.content.decode()
        )

    fifth = log_in(client, "wrong password")
    assert fifth.status_code == 429
    assert fifth.content.decode() == LOCKED

    with_the_right_password = log_in(client, PASSWORD)
    assert with_the_right_password.status_code == 429
    assert with_the_right_password.content.decode() == LOCKED
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_lock_is_per_address_and_ends_after_the_cool_off(client, throttling, account):
    for _ in range(5):
        log_in(client, "wrong password")
    assert log_in(client, PASSWORD).status_code == 429

    other_address = log_in(client, PASSWORD, address="198.51.100.20")
    assert other_address.status_code == 302
    assert other_address["Location"] == "/admin/"
    client.logout()

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        after_cool_off = log_in(client, PASSWORD)
    assert after_cool_off.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_successful_login_resets_the_count(client, throttling, account):
    for _ in range(4):
        log_in(client, "wrong password")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, "wrong password").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302
