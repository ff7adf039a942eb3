"""Factories for every model the tests build, in one place."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model

from accounts.models import Membership, Organization
from discovery.models import Project


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"consultant{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = "Casey"
    last_name = factory.Sequence(lambda n: f"Consultant{n}")
    # Hashed at build time: a post-generation set_password() would never be saved, because
    # skip_postgeneration_save is on, and nobody could sign in through the real form.
    password = factory.django.Password("correct-horse-battery-staple")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Consultancy {n}")
    slug = factory.Sequence(lambda n: f"consultancy-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.CONSULTANT


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Support redesign {n}")
    client_name = factory.Sequence(lambda n: f"Client {n}")
    industry = "B2B SaaS"


TEST_OVERRIDE = "Published by a test about something other than the proposal check."


def publish(project: Project, *, user: Any = None, change_summary: str = "") -> Any:
    """Publish as a consultant would, confirming an incomplete discovery and overriding
    whatever the proposal check blocks on with a recorded reason: for tests about something
    else (the publish tests don't)."""
    from reviews.services import PublishBlocked, version_publish

    try:
        return version_publish(
            project=project, change_summary=change_summary, user=user, incomplete_confirmed=True
        )
    except PublishBlocked as blocked:
        reasons = {f["key"]: TEST_OVERRIDE for f in blocked.findings}
        return version_publish(
            project=project,
            change_summary=change_summary,
            user=user,
            overrides=reasons,
            incomplete_confirmed=True,
        )
