#!/usr/bin/env bash
# Extract the strings to translate into each catalogue, pt_BR:
#
#   bash scripts/makemessages.sh        # then translate, then: uv run python manage.py compilemessages
#
# Each app's strings go to <app>/locale/ and the root templates' to locale/. An app with no
# locale/ yet gets an empty one for the run (removed after), so that its strings never land
# in the root catalogue. Needs GNU gettext (the Debian package gettext).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
made=()
for apps_py in */apps.py; do
    app="${apps_py%/apps.py}"
    if [ ! -d "$app/locale" ]; then
        mkdir "$app/locale"
        made+=("$app/locale")
    fi
done
cleanup() { for dir in "${made[@]}"; do rm -rf "$dir"; done; }
trap cleanup EXIT
uv run python manage.py makemessages -l pt_BR --no-obsolete \
    --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench "$@"
