"""gunicorn's settings for every way this app is served (the Dockerfile and docker-compose
run gunicorn in this directory, where gunicorn reads this file by itself). Command-line
flags (bind, workers, --access-logfile) still come from those commands."""

from __future__ import annotations

# The access log never shows a review link's token or a password-reset token.
logger_class = "config.logredact.RedactingGunicornLogger"

# The server's own limits, enforced while the request head is read, before Django sees
# anything: a request line (method, path and query) of at most 8 KB, at most 100 headers
# of at most 8 KB each. Bodies are limited by Django before they are read
# (config.middleware.RequestSizeLimitMiddleware).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The application is loaded once, in the master, before the workers fork (config/wsgi.py
# warms templates, catalogues and the hyphenation dictionary as it loads): every worker
# starts warm, its first request costs about what a later one does, and the loaded code
# and data are shared between the workers until one writes to them. Code changes need a
# restart of the master (not a HUP of the workers), as deploys do anyway.
preload_app = True


def pre_fork(server, worker):  # noqa: ARG001 (gunicorn's hook signature)
    """Just before a worker is forked from the warmed master: every object the master
    holds (modules, compiled templates, catalogues) moves to the collector's permanent
    generation, so a worker's garbage collections never walk them. Without it, a worker's
    first full collection walks the whole preloaded heap (and, by touching each object's
    header, copies the pages it shares with the master): most of what its first requests
    cost beyond a warm one."""
    import gc

    gc.freeze()
