from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Membership, Organization
from discovery import scenarios, services
from discovery.bank import BANK
from discovery.models import Project

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "blueprint-demo-2026"  # noqa: S105  (printed on purpose: demo data only)
DEMO_OVERRIDE = (
    "Demo data, published by demo_seed so that the review loop can be seen; the findings "
    "stay listed here for the consultant."
)


def _steps(answers: dict[str, Any], *slugs: str) -> dict[str, Any]:
    return {qid: value for qid, value in answers.items() if BANK.questions[qid].step in slugs}


class Command(BaseCommand):
    help = "Create a demo consultancy, a consultant and three projects at different stages."

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        with transaction.atomic():
            organization, _ = Organization.objects.get_or_create(
                slug="blueprint-demo",
                defaults={"name": "Blueprint Consulting (demo)", "brand_color": "#1f4e79"},
            )
            user, created = User.objects.get_or_create(
                username=DEMO_USERNAME,
                defaults={"first_name": "Dana", "last_name": "Demo", "email": "demo@example.com"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.get_or_create(
                user=user, organization=organization, defaults={"role": Membership.Role.OWNER}
            )
            plans = [
                (
                    "Northwind Cloud",
                    "Support desk for 3× growth",
                    "B2B SaaS",
                    scenarios.NORTHWIND,
                    "integrations",
                ),
                (
                    "Verde Shop",
                    "Omnichannel support with seasonal peaks",
                    "E-commerce",
                    _steps(scenarios.VERDE, "objective", "context", "audience"),
                    "metrics",
                ),
                (
                    "Contoso Manufacturing",
                    "Internal IT service desk",
                    "Manufacturing",
                    _steps(scenarios.CONTOSO, "objective"),
                    "context",
                ),
            ]
            review_link = ""
            for client, name, industry, answers, step in plans:
                if Project.objects.filter(organization=organization, client_name=client).exists():
                    continue
                project = services.project_create(
                    organization=organization,
                    name=name,
                    client_name=client,
                    industry=industry,
                    user=user,
                )
                services.answers_load(project=project, answers=answers, user=user)
                services.project_visit_step(project=project, step_slug=step)
                if answers is scenarios.NORTHWIND:
                    review_link = _publish_for_review(project, user)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  Sign in as: {DEMO_USERNAME}  password: {DEMO_PASSWORD}")
        if review_link:
            self.stdout.write(
                "  Northwind Cloud's proposal v1 is published; its client reviewer, Nora "
                f"Client, opens it at {review_link}"
            )


def _publish_for_review(project: Project, user: Any) -> str:
    """The complete demo project goes all the way: requirements, framework, proposal v1
    and a client reviewer, so every stage can be seen at once. Returns the reviewer's link
    (shown only here: the database keeps only its hash)."""
    from django.conf import settings
    from django.urls import reverse

    from requirements_app.services import requirements_sync
    from reviews.services import PublishBlocked, reviewer_invite, version_publish

    requirements_sync(project=project)
    summary = "First proposal for review."
    try:
        version_publish(
            project=project, change_summary=summary, user=user, incomplete_confirmed=True
        )
    except PublishBlocked as blocked:
        # Demo data shows the review loop; what the proposal check still finds is recorded
        # on the version as overridden, for the consultant to see, never hidden.
        reasons = {f["key"]: DEMO_OVERRIDE for f in blocked.findings}
        version_publish(
            project=project,
            change_summary=summary,
            user=user,
            overrides=reasons,
            incomplete_confirmed=True,
        )

    def link_for(token: str) -> str:
        return settings.SITE_URL + reverse("reviews:client_home", args=[token])

    invitation = reviewer_invite(
        project=project,
        name="Nora Client",
        email="nora@northwind.example",
        user=user,
        link_for=link_for,
    )
    return link_for(invitation.token)
