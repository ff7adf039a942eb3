from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from api.api import api

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.json"


def schema_text() -> str:
    """The schema /api/v1/openapi.json serves, as the committed file holds it."""
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = (
        "Write the REST API's OpenAPI schema to api/openapi.json; with --check, fail if the "
        "committed file differs from what the code serves."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--check", action="store_true", help="compare, do not write")

    def handle(self, *args: Any, **options: Any) -> None:
        text = schema_text()
        if options["check"]:
            committed = COMMITTED.read_text() if COMMITTED.exists() else ""
            if committed != text:
                raise CommandError(
                    "api/openapi.json is not the schema the API serves: run "
                    "`uv run python manage.py api_schema` and commit the file."
                )
            self.stdout.write("api/openapi.json matches the API.")
            return
        COMMITTED.write_text(text)
        self.stdout.write(f"Wrote {COMMITTED.name}.")
