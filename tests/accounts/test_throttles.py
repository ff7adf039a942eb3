"""Throttles beyond django-axes' (username, address) lockout (issue 14, item 7): one
address trying many usernames, password-reset requests per address and per email, and
the client address taken through the configured number of proxies."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.addresses import client_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    """The reset view runs outside a transaction: its queued email goes out at once, as in
    production (the test's own transaction would otherwise hold it back)."""
    monkeypatch.setattr("accounts.mail.transaction.on_commit", lambda callback, **kw: callback())


def _sign_in(username: str, password: str, address: str = "203.0.113.50", **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_one_address_trying_many_usernames_is_paused(settings):
    settings.SIGNIN_FAILURES_PER_ADDRESS = 6
    UserFactory(username="alice")
    # Two tries per username stay under axes' per-username limit of 5…
    for name in ("bob", "carol", "dave"):
        for _ in range(2):
            assert _sign_in(name, "wrong-password-guess").status_code == 200
    # …but the address has used its 6 failures: even a right password waits.
    response = _sign_in("alice", PASSWORD)
    assert response.status_code == 429
    assert (
        "Too many failed sign-in attempts have come from your network" in response.content.decode()
    )
    # Another address signs in.
    assert _sign_in("alice", PASSWORD, address="203.0.113.51").status_code == 302


def test_successful_sign_ins_do_not_count(settings):
    settings.SIGNIN_FAILURES_PER_ADDRESS = 2
    UserFactory(username="alice")
    for _ in range(5):
        assert _sign_in("alice", PASSWORD).status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_paused_not_the_proxy(settings):
    settings.SIGNIN_FAILURES_PER_ADDRESS = 3
    settings.PROXY_COUNT = 1
    UserFactory(username="alice")
    for name in ("bob", "carol", "dave"):
        _sign_in(name, "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert (
        _sign_in("alice", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    ).status_code == 429
    # A colleague behind the same proxy is not held back.
    assert (
        _sign_in("alice", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")
    ).status_code == 302


def test_axes_locks_the_forwarded_address_too(settings):
    """django-axes reads the same address (AXES_CLIENT_IP_CALLABLE), so its per-username
    pause falls on the client, not on everyone behind the proxy."""
    settings.PROXY_COUNT = 1
    UserFactory(username="alice")
    for _ in range(5):
        _sign_in("alice", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    paused = _sign_in("alice", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert paused.status_code == 429
    other = _sign_in("alice", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert other.status_code == 302


def _reset(email: str, address: str = "203.0.113.60"):
    return Client(REMOTE_ADDR=address).post(reverse("accounts:password_reset"), {"email": email})


def test_password_reset_is_limited_per_email_without_saying_so(settings, mailoutbox):
    settings.PASSWORD_RESETS_PER_EMAIL = 3
    user = UserFactory(username="alice")
    responses = [_reset(user.email, address=f"203.0.113.{70 + i}") for i in range(5)]
    # Every answer is the same "sent" page…
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {reverse("accounts:password_reset_done")}
    # …but the inbox gets three emails, not five.
    assert len(mailoutbox) == 3


def test_password_reset_is_limited_per_address(settings, mailoutbox):
    settings.PASSWORD_RESETS_PER_ADDRESS = 4
    for i in range(4):
        assert _reset(f"someone{i}@example.com").status_code == 302
    response = _reset("someone-else@example.com")
    assert response.status_code == 429
    assert "Password reset paused" in response.content.decode()
    assert _reset("someone-else@example.com", address="203.0.113.61").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.1", "198.51.100.1", "203.0.113.1"),  # no proxy: the header is ignored
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged leftmost entry
        (2, "10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "10.0.0.3", "198.51.100.1", "10.0.0.3"),  # went around a proxy: the peer
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
