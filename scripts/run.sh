#!/usr/bin/env bash
# Set up and run Support Blueprint on its embedded defaults: SQLite, no Redis (Celery
# tasks run in-process), email printed to the console.
#
#   ./scripts/run.sh              # http://127.0.0.1:8000/
#   PORT=8080 ./scripts/run.sh    # another port
#   HOST=0.0.0.0 ./scripts/run.sh # listen on every interface (add the host name to
#                                 # DJANGO_ALLOWED_HOSTS)
#
# Safe to run again: it only installs what is missing, migrations are idempotent and
# the demo data is created once.

# shellcheck source=scripts/bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"
[[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number, not '$PORT'"

# WeasyPrint needs Pango and a font to render PDFs; everything else is Python.
apt_ensure libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core ||
    warn "PDF downloads will fail until Pango and a font are installed"

uv_sync

manage() { "$UV" run python manage.py "$@"; }

log "manage.py migrate"
manage migrate --noinput

# With DEBUG on (the default) WhiteNoise serves static files straight from the app
# directories; collected files are needed only when DEBUG is off.
case "${DJANGO_DEBUG:-true}" in
0 | false | False | FALSE | no | off)
    log "manage.py collectstatic"
    manage collectstatic --noinput
    ;;
esac

log "manage.py demo_seed"
# The demo reviewer's link is printed with this address.
SITE_URL="${SITE_URL:-http://${HOST/0.0.0.0/127.0.0.1}:${PORT}}" manage demo_seed

cat <<EOF

  Support Blueprint is starting.

    Open:     http://${HOST/0.0.0.0/127.0.0.1}:${PORT}/
    Sign in:  username demo, password blueprint-demo-2026 (printed above by demo_seed)
    Admin:    http://${HOST/0.0.0.0/127.0.0.1}:${PORT}/admin/ (needs a staff user:
              uv run python manage.py createsuperuser)

  Stop with Ctrl+C.

EOF

exec "$UV" run python manage.py runserver "${HOST}:${PORT}"
