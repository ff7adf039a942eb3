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
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  Sign in as: {DEMO_USERNAME}  password: {DEMO_PASSWORD}")
