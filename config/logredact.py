"""Secrets that travel in URLs never reach a log: the review links' tokens (`/r/<token>/`)
and the password-reset links' (`/accounts/password-reset/<uid>/<token>/`).

Used by gunicorn's access log (`gunicorn.conf.py` sets `logger_class`) and by Django's own
log records (a filter on every handler in settings.LOGGING). The database keeps only the
hash of a review token; a log line must not keep more.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

REDACTED = "[redacted]"

_PATTERNS = (
    # A review link and everything under it: the token is the first segment after /r/.
    (re.compile(r"(/r/)[^/\s?#\"']+"), rf"\g<1>{REDACTED}"),
    # A password-reset link: uid and token, except the token-free "set-password" step.
    (
        re.compile(r"(/password-reset/)(?!sent/|done/)[^/\s?#\"']+/(?!set-password/)[^/\s?#\"']+"),
        rf"\g<1>{REDACTED}/{REDACTED}",
    ),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record's message with the secrets of its URLs redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class OneLineClientErrors(logging.Filter):
    """A bad request (too large, too many fields, a disallowed host: what Django logs on
    `django.security.*` with a 400) is the client's fault, not a bug: one line with the
    status, method, path and reason, not a traceback per request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security") and record.exc_info:
            request = getattr(record, "request", None)
            where = f"{request.method} {request.path}" if request is not None else "-"
            status = getattr(record, "status_code", 400)
            record.msg = f"{status} Bad Request: {where}: {record.getMessage()}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


class RedactingGunicornLogger(Logger):
    """gunicorn's logger with every access-log atom (request line, path, query, referer,
    headers, environ) redacted, whatever `access_log_format` picks from them."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
