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
# Playwright; PDFs are read back with poppler-utils; fault tests start their own
# redis-server.

# shellcheck source=scripts/bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

apt_ensure chromium redis-server poppler-utils \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core ||
    warn "tests that need the missing packages will fail"

uv_sync

if [ -n "${DATABASE_URL:-}" ]; then
    # Print the URL without its password.
    log "database: ${DATABASE_URL%%://*}://…@${DATABASE_URL##*@}"
else
    log "database: SQLite (set DATABASE_URL to test on PostgreSQL)"
fi

log "pytest $*"
exec "$UV" run pytest "$@"
