"""Sign-in through the real form, brute-force throttling, password reset and password rules."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"  # what UserFactory sets
WRONG = "not-the-right-password-at-all"
OTHER_IP = "203.0.113.9"
PAUSED = "Sign-in paused"


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    """The reset view runs outside a transaction: its queued email goes out at once, as in
    production (the test's own transaction would otherwise hold it back)."""
    monkeypatch.setattr("accounts.mail.transaction.on_commit", lambda callback, **kw: callback())


def _csrf_client() -> Client:
    """A client that, like a browser, must send the CSRF token the sign-in page gave it."""
    return Client(enforce_csrf_checks=True)


def _sign_in(client: Client, username: str, password: str, **extra):
    if "csrftoken" not in client.cookies:
        assert client.get(reverse("accounts:login"), **extra).status_code == 200
    token = client.cookies["csrftoken"].value
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        **extra,
    )


def _signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_sign_in_and_out_through_the_form(consultant):
    client = _csrf_client()
    session = client.session  # an anonymous session, as a visitor may already have
    session["visited"] = True
    session.save()
    anonymous_key = client.cookies["sessionid"].value

    response = _sign_in(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("discovery:dashboard")
    assert _signed_in(client)
    # A new session at sign-in (no session fixation).
    assert client.cookies["sessionid"].value != anonymous_key
    assert client.get(reverse("discovery:dashboard")).status_code == 200

    token = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert not _signed_in(client)
    assert client.get(reverse("discovery:dashboard")).status_code == 302


def test_sign_in_follows_next_but_not_off_site(consultant):
    client = _csrf_client()
    client.get(reverse("accounts:login"))
    token = client.cookies["csrftoken"].value
    ping = reverse("accounts:ping")
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token, "next": ping},
    )
    assert response["Location"] == ping

    client = _csrf_client()
    client.get(reverse("accounts:login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("accounts:login"),
        {
            "username": "alice",
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("discovery:dashboard")


def test_sign_in_without_the_csrf_token_is_refused(consultant):
    client = _csrf_client()
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert not _signed_in(client)


def test_a_wrong_password_shows_the_error_on_the_form(consultant):
    client = _csrf_client()
    response = _sign_in(client, "alice", WRONG)
    assert response.status_code == 200
    assert "do not match" in response.content.decode()
    assert not _signed_in(client)


def _fail(client: Client, username: str, times: int, **extra) -> list[int]:
    return [_sign_in(client, username, WRONG, **extra).status_code for _ in range(times)]


def test_five_failures_pause_sign_in_for_that_account_and_address(consultant):
    client = _csrf_client()
    # The first four are ordinary failures; the fifth reaches the limit and pauses.
    assert _fail(client, "alice", 5) == [200, 200, 200, 200, 429]

    response = _sign_in(client, "alice", PASSWORD)

    assert response.status_code == 429
    assert PAUSED in response.content.decode()
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert not _signed_in(client)


def test_the_pause_does_not_touch_other_accounts_or_addresses(consultant):
    UserFactory(username="bob")
    _fail(_csrf_client(), "alice", 5)

    # Another account from the same address signs in.
    bob = _csrf_client()
    assert _sign_in(bob, "bob", PASSWORD).status_code == 302
    assert _signed_in(bob)
    # The same account from another address signs in: throttling is per (account, address),
    # so a guesser cannot lock a consultant out from everywhere.
    elsewhere = _csrf_client()
    assert _sign_in(elsewhere, "alice", PASSWORD, REMOTE_ADDR=OTHER_IP).status_code == 302
    # ... while the paused pair stays paused.
    assert _sign_in(_csrf_client(), "alice", PASSWORD).status_code == 429


def _age_attempts(minutes: int) -> None:
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))


def test_the_pause_ends_after_the_cool_off(consultant, settings):
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == timedelta(minutes=15)
    _fail(_csrf_client(), "alice", 5)

    _age_attempts(14)
    assert _sign_in(_csrf_client(), "alice", PASSWORD).status_code == 429

    _age_attempts(16)
    client = _csrf_client()
    response = _sign_in(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)
    # A successful sign-in clears the record: the next typo is not an instant pause.
    assert _sign_in(_csrf_client(), "alice", WRONG).status_code == 200


def _reset_link(mailoutbox) -> str:
    assert len(mailoutbox) == 1
    match = re.search(
        r"https?://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)", mailoutbox[0].body
    )
    assert match, mailoutbox[0].body
    return match.group(1)


def test_password_reset_sends_a_working_single_use_link(consultant, mailoutbox):
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": consultant.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox[0].to == [consultant.email]
    link = _reset_link(mailoutbox)

    response = client.get(link)
    assert response.status_code == 302  # the token moves to the session, out of the URL
    set_password_url = response["Location"]
    assert client.get(set_password_url).context["validlink"] is True

    new_password = "a lantern hums beside the quiet harbour"
    response = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")

    consultant.refresh_from_db()
    assert consultant.check_password(new_password)
    assert _sign_in(_csrf_client(), "alice", new_password).status_code == 302
    assert _sign_in(_csrf_client(), "alice", PASSWORD).status_code == 200
    # Used once, the link is dead.
    response = Client().get(link, follow=True)
    assert response.context["validlink"] is False


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(db, mailoutbox):
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_password_reset_form_rejects_a_weak_password_and_keeps_the_old_one(consultant, mailoutbox):
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": consultant.email})
    set_password_url = client.get(_reset_link(mailoutbox))["Location"]
    response = client.post(set_password_url, {"new_password1": "short1", "new_password2": "short1"})
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    consultant.refresh_from_db()
    assert consultant.check_password(PASSWORD)


def _codes(password: str, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return {error.code for error in exc.error_list}
    return set()


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Tr0ub4dor&3x", "password_too_short"),  # 12 characters
        ("manchesterunited", "password_too_common"),  # 16 characters, on the common list
        ("314159265358979323846", "password_entirely_numeric"),
        ("x" * 257, "password_too_long"),
    ],
)
def test_password_rules_reject(password, code):
    assert code in _codes(password)


@pytest.mark.parametrize(
    "password",
    [
        "violet tractors hum beside the quarry",
        "correct-horse-battery-staple-ferry",
        # Exactly 256 characters: zxcvbn scores the first 72, the rest is kept.
        (
            "when the lighthouse keeper retired he took the brass telescope, a tin of "
            "sardines and forty years of tide tables to a cottage inland where nothing "
            "ever floods and the only waves are those of barley under the north wind, "
            "which he says is the same sea with quieter gulls."
        )[:256],
    ],
)
def test_password_rules_accept_long_passphrases(password):
    assert 15 <= len(password) <= 256
    assert _codes(password) == set()


def test_password_rules_reject_a_password_like_the_username(db):
    user = get_user_model()(username="margaret.hamilton", email="margaret.hamilton@example.com")
    assert "password_too_similar" in _codes("margaret.hamilton1", user)


def test_password_change_enforces_the_maximum_length(consultant_client, consultant):
    too_long = "long passphrase " * 17  # 272 characters
    response = consultant_client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": too_long, "new_password2": too_long},
    )
    assert response.status_code == 200
    assert "at most 256 characters" in str(response.context["form"].errors)
    consultant.refresh_from_db()
    assert consultant.check_password(PASSWORD)
