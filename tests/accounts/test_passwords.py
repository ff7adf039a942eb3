"""Passwords an attacker guesses early are refused, whatever their length (issue 14, item
7): common words with digits, keyboard walks and repeats, through zxcvbn."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"


def _errors(password: str, user=None) -> list[ValidationError]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.error_list
    return []


@pytest.mark.parametrize(
    "password",
    [
        "password12345678",  # the issue's: a common word and a sequence
        "qwertyuiopasdfgh",  # the issue's: a keyboard walk
        "1qaz2wsx3edc4rfv",  # a keyboard walk down the columns
        "zxcvbnmasdfghjkl",
        "aaaaaaaaaaaaaaaa",  # repeats
        "abcabcabcabcabcabc",
        "iloveyou12345678",
        "supportblueprint2026",  # the product's own name
    ],
)
def test_guessable_passwords_are_refused(password):
    assert len(password) >= 15
    codes = {error.code for error in _errors(password)}
    assert "password_too_guessable" in codes, password


@pytest.mark.parametrize(
    "password",
    ["violet tractors hum beside the quarry", "a lantern hums beside the quiet harbour", PASSWORD],
)
def test_passphrases_pass(password):
    assert _errors(password) == []


@pytest.mark.django_db
def test_the_users_own_details_count_as_guessable():
    user = get_user_model()(
        username="fernanda.oliveira", email="fernanda@northwind.example", first_name="Fernanda"
    )
    codes = {error.code for error in _errors("fernanda.oliveira1990", user)}
    assert "password_too_guessable" in codes


def test_a_long_passphrase_is_scored_on_its_beginning_and_not_refused_for_length():
    long = "violet tractors hum beside the quarry while gulls argue over chips " * 3
    assert 72 < len(long) <= 256
    assert _errors(long.strip()) == []


@pytest.mark.django_db
def test_the_password_change_form_says_why(client):
    user = UserFactory(username="alice")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "qwertyuiopasdfgh",
            "new_password2": "qwertyuiopasdfgh",
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["new_password2"])
    assert "Your password is too guessable" in errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
