"""Warm a server process before it takes its first request.

Without it the first request of every page in a freshly started worker pays for what
later requests find ready: compiling the page's templates (the cached loader keeps them
once compiled), reading the hyphenation dictionary, loading the question bank's
vocabularies, the rule catalogue, the platform catalogue, the proposal check's rules and
the extractor's gazetteer (each cached per process on first use). config/wsgi.py calls
warm() once the application is loaded; gunicorn.conf.py preloads the application in the
master (`preload_app`), so this runs once and every worker forks already warm, sharing
those pages of memory until one writes to them.

Nothing here touches the database: it works on the demo scenario's answers as plain
data, through the engines' pure functions, and renders nothing but templates' compiled
forms.
"""

from __future__ import annotations

import contextlib
import io
import logging
import time
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_backends
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver, reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".txt", ".css", ".js", ".svg")


def _template_names() -> list[str]:
    """Every template of the project and its apps, as the loaders would name it."""
    base = Path(settings.BASE_DIR).resolve()
    roots = [Path(d) for d in engines["django"].dirs]
    # The project's own apps (not the admin's or other libraries' pages: few are opened).
    roots += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
    ]
    names: list[str] = []
    for root in roots:
        if root.is_dir():
            names.extend(
                str(path.relative_to(root))
                for path in sorted(root.rglob("*"))
                if path.is_file() and path.suffix in TEMPLATE_SUFFIXES
            )
    return names


def warm_templates() -> int:
    """Compile every template of the project through the engine's loaders (in production
    the cached loader keeps them compiled). Returns how many compiled."""
    engine = engines["django"]
    compiled = 0
    for name in _template_names():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # pragma: no cover - logged
            logger.warning("warm-up: template %s did not compile", name, exc_info=True)
            continue
        compiled += 1
    return compiled


def warm_static() -> None:
    """The static files' manifest (hashed names), read on the first {% static %}."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    with contextlib.suppress(ValueError):  # no manifest yet: collectstatic not run
        staticfiles_storage.url("css/app.css")


def warm_engines() -> None:
    """Run each engine once on the demo scenario, so that every catalogue, vocabulary,
    gazetteer and compiled pattern they load on first use is loaded."""
    from discovery.bank import BANK
    from discovery.extraction import extract
    from discovery.rendering import question_html
    from discovery.scenarios import NORTHWIND
    from frameworks.check import run_check
    from frameworks.generate import generate_framework, requirements_from_derived
    from frameworks.templatetags.frameworks import soft_hyphens
    from requirements_app.catalogue import rule_catalogue
    from requirements_app.engine import derive

    answers = dict(NORTHWIND)
    inputs = requirements_from_derived(derive(answers, rule_catalogue()))
    framework = generate_framework(answers, inputs)
    run_check(framework, answers, inputs, today=timezone.now().date())
    for question in BANK.questions.values():
        question_html(
            question, visible=True, value=answers.get(question.id), error="", autosave_url="/"
        )
    extract(
        "We answer about 300 calls a day in English and Spanish from Zendesk, "
        "Monday to Friday 8am to 6pm, and we must keep data in the EU under GDPR."
    )
    soft_hyphens("Availability requirements")


def warm_request(application: Callable[..., Iterable[bytes]]) -> int:
    """One anonymous GET of the sign-in page through the application itself: what
    Django and its libraries set up on a process's first request (middleware state, the
    session and CSRF machinery, date formats, lazily compiled patterns, the context
    processors' modules) is set up here. The database connection it may open is closed,
    so that no worker inherits it."""
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    status: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": reverse("accounts:login"),
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    body = application(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        for _ in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
        connections.close_all()
    return int(status[0].split()[0]) if status else 0


def warm(application: Callable[..., Iterable[bytes]] | None = None) -> None:
    """Everything above, timed in the log; a failure is logged and never stops the
    server (the first request would then pay, as without warm-up)."""
    started = time.process_time()
    try:
        # Imports every URLconf and view module, and builds the reverse() tables (a
        # quarter of a second, paid by the first {% url %} of a process otherwise).
        get_resolver().url_patterns  # noqa: B018
        reverse("discovery:dashboard")
        warm_static()
        templates = warm_templates()
        warm_engines()
        status = warm_request(application) if application is not None else 0
        # What a signed-in request loads that an anonymous one does not.
        get_backends()
        import_module(settings.SESSION_ENGINE)
    except Exception:  # pragma: no cover - a warm-up must never stop the server
        logger.exception("warm-up failed; the first requests will be slower")
        return
    logger.info(
        "warm-up: %d templates compiled, engines loaded, sign-in page %s, in %.2f s of CPU",
        templates,
        status or "not requested",
        time.process_time() - started,
    )
