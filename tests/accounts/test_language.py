"""The consultant's language: their profile's, else the browser's; English by default.
A new project's deliverable language is its organization's."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from discovery.models import Project

LOGIN = reverse("accounts:login")
DASHBOARD = reverse("discovery:dashboard")
LANGUAGE = reverse("accounts:language")


def test_english_without_a_preference(db):
    page = Client().get(LOGIN).content.decode()
    assert '<html lang="en">' in page
    assert "Skip to content" in page


def test_a_portuguese_browser_gets_the_sign_in_page_in_portuguese(db):
    response = Client(headers={"accept-language": "pt-BR,pt;q=0.9,en;q=0.5"}).get(LOGIN)
    page = response.content.decode()
    assert response["Content-Language"] == "pt-br"
    assert '<html lang="pt-br">' in page
    assert "Pular para o conteúdo" in page
    assert "Skip to content" not in page
    # The switch offers the other language, in its own name.
    assert 'value="en" lang="en"' in page


def test_the_switch_on_the_sign_in_page_sets_the_visitors_language(db):
    client = Client(headers={"accept-language": "en"})
    response = client.post(LANGUAGE, {"language": "pt-br", "next": LOGIN})
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt-br"
    assert "Pular para o conteúdo" in client.get(LOGIN).content.decode()


def test_the_switch_never_redirects_to_another_site(db):
    response = Client().post(LANGUAGE, {"language": "pt-br", "next": "https://evil.example/"})
    assert response["Location"] == LANGUAGE


def test_the_profile_language_wins_over_the_browser_and_survives_signing_in_again(consultant):
    client = Client(headers={"accept-language": "en-US,en"})
    client.force_login(consultant)
    assert client.post(LANGUAGE, {"language": "pt-br"}).status_code == 302
    assert Profile.objects.get(user=consultant).language == "pt-br"

    other_browser = Client(headers={"accept-language": "en-US,en"})
    other_browser.force_login(consultant)
    page = other_browser.get(DASHBOARD).content.decode()
    assert '<html lang="pt-br">' in page
    assert ">Projetos<" in page
    assert ">Sair<" in page


def test_blank_on_the_profile_follows_the_browser_again(consultant):
    Profile.objects.create(user=consultant, language="pt-br")
    client = Client(headers={"accept-language": "en"})
    client.force_login(consultant)
    client.post(LANGUAGE, {"language": ""})
    assert Profile.objects.get(user=consultant).language == ""
    assert ">Sign out<" in client.get(DASHBOARD).content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies or (
        client.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""
    )


def test_an_unknown_language_is_refused_next_to_the_field(consultant):
    client = Client()
    client.force_login(consultant)
    response = client.post(LANGUAGE, {"language": "xx"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Profile.objects.filter(user=consultant, language="xx").exists()


def test_a_new_project_takes_its_organizations_deliverable_language(consultant, organization):
    organization.language = "pt-br"
    organization.save()
    client = Client()
    client.force_login(consultant)
    form = client.get(reverse("discovery:project_create")).content.decode()
    assert '<option value="pt-br" selected>' in form
    client.post(
        reverse("discovery:project_create"),
        {"client_name": "Padaria Central", "name": "Suporte 2027", "industry": "Varejo"},
    )
    assert Project.objects.get(client_name="Padaria Central").language == "pt-br"
