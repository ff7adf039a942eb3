"""Every string marked for translation has a Brazilian Portuguese translation that is not
fuzzy, and the committed .mo files are compiled from the committed .po files.

makemessages runs on a temporary copy of the source tree, never on the work tree: a new
{% translate %} or gettext() in a template or module that nobody translated fails here,
naming the catalogue and the strings.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LOCALE = "pt_BR"
# Catalogues that must be complete: the root templates' (locale/) and every app's.
APPS = sorted(
    p.parent.name
    for p in ROOT.glob("*/apps.py")
    if p.parent.name not in {"config", "tests", "bench", "scripts"}
)
# Apps whose translation is still being written this session: their strings are still
# extracted into their own catalogue (so they do not land in the root one), but an
# incomplete catalogue of theirs is not a failure yet. Empty it when they are done.
PENDING: set[str] = {
    app for app in APPS if not (ROOT / app / "locale" / LOCALE / "LC_MESSAGES").is_dir()
}

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("xgettext") is None,
    reason="GNU gettext (the Debian package gettext) is needed: scripts/test.sh installs it",
)


def _catalogues(base: Path) -> dict[str, Path]:
    found = {"templates (locale/)": base / "locale" / LOCALE / "LC_MESSAGES" / "django.po"}
    for app in APPS:
        found[app] = base / app / "locale" / LOCALE / "LC_MESSAGES" / "django.po"
    return found


def _statistics(po: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as msgfmt counts them."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{po}: msgfmt refuses it:\n{result.stderr}"

    def count(pattern: str) -> int:
        match = re.search(rf"(\d+) {pattern}", result.stderr)
        return int(match.group(1)) if match else 0

    return count("translated"), count("fuzzy"), count("untranslated")


def _missing(po: Path) -> list[str]:
    """The msgids of untranslated or fuzzy entries, for the failure message."""
    result = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    fuzzy = re.findall(r'^msgid "(.+)"$', result.stdout, flags=re.M)
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    untranslated = re.findall(r'^msgid "(.+)"$', result.stdout, flags=re.M)
    return [f"fuzzy: {m}" for m in fuzzy] + [f"untranslated: {m}" for m in untranslated]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the source tree with makemessages run on it for pt_BR."""
    copy = tmp_path_factory.mktemp("i18n") / "src"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "media", "staticfiles")
    for name in [*APPS, "config", "templates", "locale"]:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy2(ROOT / "manage.py", copy / "manage.py")
    # An app without a catalogue yet gets an empty locale/ in the copy, so that its strings
    # go to its own catalogue and never into the root templates' one.
    for app in APPS:
        (copy / app / "locale").mkdir(exist_ok=True)
    (copy / "locale").mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", LOCALE, "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return copy


@pytest.mark.parametrize("name", ["templates (locale/)", *APPS])
def test_catalogue_is_complete(extracted: Path, name: str) -> None:
    po = _catalogues(extracted)[name]
    if not po.exists():
        # makemessages writes no catalogue for an app with nothing marked for translation.
        assert name in PENDING or not _catalogues(ROOT)[name].exists(), (
            f"{name}: a committed catalogue but nothing marked for translation"
        )
        return
    translated, fuzzy, untranslated = _statistics(po)
    if name in PENDING:
        pytest.skip(f"{name}: translation pending ({untranslated} untranslated)")
    assert (fuzzy, untranslated) == (0, 0), (
        f"{name}: {untranslated} untranslated and {fuzzy} fuzzy entries in "
        f"{po.relative_to(extracted)} after makemessages -l {LOCALE}:\n"
        + "\n".join(_missing(po)[:40])
    )


@pytest.mark.parametrize("name", ["templates (locale/)", *APPS])
def test_committed_mo_is_compiled_from_its_po(tmp_path: Path, name: str) -> None:
    po = _catalogues(ROOT)[name]
    if not po.exists():
        return
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run manage.py compilemessages"
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
    with mo.open("rb") as committed, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == (  # type: ignore[attr-defined]
            gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
        ), f"{mo.relative_to(ROOT)} is older than its .po: run manage.py compilemessages"
