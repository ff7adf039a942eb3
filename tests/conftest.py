from __future__ import annotations

import os

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.factories import MembershipFactory, OrganizationFactory, ProjectFactory, UserFactory

# Property tests: "ci" by default; `--hypothesis-profile=thorough` for thousands of examples.
# "ci" is derandomized: the same examples on every run, so CI is repeatable; "thorough"
# explores anew each time.
hypothesis_settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
hypothesis_settings.register_profile("thorough", max_examples=3000, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=40, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _emails_sent_inline(settings):
    """Queued emails go out inline once their transaction commits (accounts.mail), not in a
    background thread that could not see a test's uncommitted rows."""
    settings.EMAIL_EMBEDDED_RUN = "sync"


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Blueprint Partners", slug="blueprint-partners")


@pytest.fixture
def consultant(organization):
    """A consultant who is a member of `organization`."""
    return MembershipFactory(organization=organization, user__username="alice").user


@pytest.fixture
def outsider(db):
    """A consultant of another organization."""
    return MembershipFactory(user__username="mallory").user


@pytest.fixture
def staff_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def project(organization, consultant):
    return ProjectFactory(organization=organization, created_by=consultant)


@pytest.fixture
def consultant_client(consultant) -> Client:
    client = Client()
    client.force_login(consultant)
    return client


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """A file, not SQLite's in-memory database, for the test database. The live server used
    by the browser tests shares an in-memory database's single connection between its
    request threads, so two concurrent requests (an autosave and a Next click, two tabs)
    fail with "database table is locked"; with a file each thread has its own connection and
    WAL + busy_timeout serialize writers as in development."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )
