"""What a Celery broker that is down or unreachable raises, for the code that hands work to
it and keeps the work for a later send when it cannot (emails, PDF jobs, webhooks)."""

from __future__ import annotations


def broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError as KombuOperationalError

    errors: list[type[BaseException]] = [KombuOperationalError, RuntimeError, OSError]
    try:
        import redis.exceptions

        errors.append(redis.exceptions.RedisError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)
