#!/usr/bin/env bash
# Shared set-up steps for scripts/run.sh, scripts/test.sh and .ci/run.
#
# Sourced, it defines helpers and changes to the repository root. Run directly
# (`bash scripts/bootstrap.sh`, or `make install`), it installs uv and the locked
# dependencies and stops there.
#
# Everything here installs only what is missing, so a second run costs a few seconds.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Never re-resolve or rewrite uv.lock as a side effect of running something: the lock
# only changes through an explicit `uv lock` / `uv add`.
export UV_FROZEN=1

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# apt_ensure PACKAGE... installs the Debian packages that are not installed yet. It runs
# `apt-get update` first, and only when something is missing. Returns 2 when packages
# are missing but this user cannot install them (not root, no sudo, or not Debian).
apt_ensure() {
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0

    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            warn "missing Debian packages: ${missing[*]} (run as root or install them by hand)"
            return 2
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        warn "missing packages: ${missing[*]} (no apt-get here: install them by hand)"
        return 2
    fi

    log "apt-get install ${missing[*]}"
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q
        -o Acquire::Retries=3 -o DPkg::Lock::Timeout=300)
    "${apt[@]}" update
    "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
}

_uv_works() { "$1" --version >/dev/null 2>&1; }

# ensure_uv sets UV to a working uv binary, installing uv with pip when there is none.
ensure_uv() {
    if [ -n "${UV:-}" ] && _uv_works "$UV"; then return 0; fi
    # A pyenv shim named uv exists when any pyenv version has uv, but fails when the
    # version selected by .python-version lacks it: test that it runs, not that it exists.
    if _uv_works uv; then
        UV=uv
        return 0
    fi

    local py bin
    # python3 is pyenv's 3.12 here (.python-version); the others are fallbacks for a
    # machine without that version, down to Debian's own Python.
    for py in python3 python3.12 python /usr/bin/python3; do
        command -v "$py" >/dev/null 2>&1 || continue
        "$py" -m pip --version >/dev/null 2>&1 || continue
        log "installing uv with $py -m pip"
        if "$py" -m pip install --quiet uv ||
            "$py" -m pip install --quiet --user uv ||
            "$py" -m pip install --quiet --break-system-packages uv; then
            if bin="$("$py" -c 'import uv; print(uv.find_uv_bin())' 2>/dev/null)" && _uv_works "$bin"; then
                UV="$bin"
                if command -v pyenv >/dev/null 2>&1; then pyenv rehash >/dev/null 2>&1 || true; fi
                return 0
            fi
        fi
    done

    # Debian's Python ships without pip.
    if apt_ensure python3-pip; then
        /usr/bin/python3 -m pip install --quiet --break-system-packages uv &&
            bin="$(/usr/bin/python3 -c 'import uv; print(uv.find_uv_bin())')" &&
            _uv_works "$bin" && UV="$bin" && return 0
    fi
    die "could not install uv: install it with 'python3 -m pip install uv' and run this again"
}

# uv_sync installs the locked dependencies (dev group included) into .venv.
uv_sync() {
    ensure_uv
    # Bytecode compiled at install: Python then reads it even where PYTHONDONTWRITEBYTECODE
    # is set (as on the CI machines), instead of compiling every module, such as
    # language-data's 4.6 MB table of names, in every process that imports it.
    log "uv sync --frozen --compile-bytecode"
    "$UV" sync --frozen --compile-bytecode
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    uv_sync
    log "dependencies installed in .venv"
fi
