"""Many threads saving answers to one project at once, on a file SQLite database.

Run as a subprocess by tests/test_settings.py, so that the database is configured by
config/settings.py exactly as in production (not pytest-django's in-memory test database,
whose shared-cache locking behaves differently):

    SQLITE_PATH=/tmp/x.sqlite3 python -m tests.sqlite_hammer --migrate-only
    SQLITE_PATH=/tmp/x.sqlite3 python -m tests.sqlite_hammer [--transaction-mode DEFERRED]

The second prints one JSON object: how many saves failed, and with which messages.
"""

from __future__ import annotations

import argparse
import json
import os
import threading

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--transaction-mode", default="", help="override the setting")
    parser.add_argument("--migrate-only", action="store_true", help="create the schema and stop")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings

    if args.transaction_mode:
        # Before django.setup(): connections read DATABASES on first use.
        settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = args.transaction_mode
    django.setup()

    from django.core.management import call_command
    from django.db import OperationalError, close_old_connections, connection

    from discovery import services
    from discovery.bank import BANK, QType
    from discovery.models import AnswerRevision, Project
    from tests.factories import OrganizationFactory, ProjectFactory

    call_command("migrate", verbosity=0)
    if args.migrate_only:
        connection.close()  # the last close checkpoints the WAL into the main file
        return
    project_pk = ProjectFactory(organization=OrganizationFactory()).pk
    texts = [
        q
        for q in BANK.questions.values()
        if q.type in (QType.TEXT, QType.TEXTAREA) and q.show_when is None
    ]
    connection.close()

    start = threading.Barrier(args.threads)
    lock = threading.Lock()
    errors: list[str] = []

    def work(n: int) -> None:
        question = texts[n % len(texts)]
        try:
            project = Project.objects.get(pk=project_pk)
            start.wait()
            for i in range(args.iterations):
                # Each save reads the project's answers, then writes: the pattern that turns
                # into "database is locked" when a read lock has to be upgraded.
                raw = {question.field_name: [f"thread {n}, save {i}"]}
                try:
                    services.answers_save(project=project, raw=raw, questions=[question], user=None)
                except OperationalError as exc:
                    with lock:
                        errors.append(str(exc))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    result = {
        "transaction_mode": settings.DATABASES["default"]["OPTIONS"].get("transaction_mode"),
        "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
        "attempts": args.threads * args.iterations,
        "errors": len(errors),
        "messages": sorted(set(errors)),
        "revisions": AnswerRevision.objects.filter(project_id=project_pk).count(),
    }
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main()
