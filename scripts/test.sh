#!/usr/bin/env bash
# Install what the tests need, then run the test suite. Extra arguments go to pytest.
#
#   ./scripts/test.sh                       # everything, on SQLite
#   ./scripts/test.sh -k wizard -x          # pytest arguments pass through
#   DATABASE_URL=postgres://user:pw@127.0.0.1:5432/blueprint ./scripts/test.sh
#                                           # on PostgreSQL; the role needs CREATEDB,
#                                           # since pytest-django creates test_<name>
#
# Browser tests drive Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through
# Playwright, and the accessibility test runs axe-core (npm ci, package-lock.json); PDFs are read back with poppler-utils; fault tests start their own
# redis-server; the translations test runs GNU gettext (makemessages, msgfmt).

# shellcheck source=scripts/bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

apt_ensure chromium redis-server poppler-utils gettext \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core ||
    warn "tests that need the missing packages will fail"

uv_sync

# axe-core, for the accessibility browser test, from the npm registry at the version
# package-lock.json pins (nothing of it is vendored or served).
command -v npm >/dev/null 2>&1 || apt_ensure nodejs npm || warn "no npm: the accessibility test will fail"
if command -v npm >/dev/null 2>&1 &&
    { [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
    log "npm ci (axe-core)"
    npm ci --no-audit --no-fund --loglevel=error || warn "npm ci failed: the accessibility test will fail"
fi

if [ -n "${DATABASE_URL:-}" ]; then
    # Print the URL without its password.
    log "database: ${DATABASE_URL%%://*}://…@${DATABASE_URL##*@}"
else
    log "database: SQLite (set DATABASE_URL to test on PostgreSQL)"
fi

log "pytest $*"
exec "$UV" run pytest "$@"
