"""The floors of the house (DESIGN.md, README "Architecture"): an app imports only from the
apps on the floors below it. Nothing runs back up, no two apps on one floor import each
other, and no template tag reads the database.

The imports are read from the source with `ast`, not by importing it, so an import inside a
function (the usual way round a circle) counts as much as one at the top of a module."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Lowest first. An app may import from any app on a lower floor, never from its own floor's
# other apps or from above. `evidence` (ticket history) sits between discovery and the
# requirements it informs; it is checked when it exists.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("accounts",),
    ("discovery",),
    ("evidence",),
    ("requirements_app",),
    ("frameworks",),
    ("reviews",),
    ("exports",),
    ("deliverables",),
    ("api",),
)
FLOOR = {app: level for level, apps in enumerate(FLOORS) for app in apps}
APPS = [app for app in FLOOR if (ROOT / app / "__init__.py").exists()]

# What a template tag may not import: anything that reads or writes the database. A tag
# formats what the view already put in the context.
DATABASE_MODULES = ("models", "selectors", "services", "jobs", "tasks", "views", "queries")


def _modules(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, absolute, with its line: top-level, inside functions,
    and relative imports resolved against the module's package."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _dotted(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from app import models` names a module too.
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def upward_imports(app: str) -> list[str]:
    level = FLOOR[app]
    wrong: dict[tuple[str, int], str] = {}
    for path in _modules(app):
        where = str(path.relative_to(ROOT))
        for line, name in imported_names(path):
            target = name.split(".")[0]
            if target == app or target not in FLOOR or FLOOR[target] < level:
                continue
            side = "above" if FLOOR[target] > level else "on the same floor as"
            # One report per import statement (its module, not each name it brings).
            wrong.setdefault(
                (where, line), f"{where}:{line} imports {name} ({target} is {side} {app})"
            )
    return [wrong[key] for key in sorted(wrong)]


def test_every_app_is_on_a_floor():
    local = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert local <= set(FLOOR), f"apps without a floor: {sorted(local - set(FLOOR))}"
    assert set(APPS) <= {a.split(".")[0] for a in settings.INSTALLED_APPS}


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_from_above(app):
    wrong = upward_imports(app)
    assert not wrong, "imports from above:\n" + "\n".join(wrong)


def test_the_checker_sees_an_upward_import(tmp_path, monkeypatch):
    """The test above can fail: an import from above, even a relative one inside a
    function, is reported."""
    package = tmp_path / "frameworks"
    (package / "pdf").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "pdf" / "__init__.py").write_text("")
    (package / "pdf" / "late.py").write_text(
        "from ..models import Thing\n"
        "def f():\n"
        "    from reviews.models import ProposalVersion\n"
        "    import deliverables.jobs\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = upward_imports("frameworks")
    assert len(found) == 2
    assert any("late.py:3 imports reviews.models (reviews is above frameworks)" in f for f in found)
    assert any("deliverables.jobs" in f for f in found)
    assert not any("frameworks.models" in f for f in found)


def test_no_template_tag_reads_the_database():
    wrong = []
    for app in APPS:
        for path in sorted((ROOT / app).glob("templatetags/*.py")):
            for line, name in imported_names(path):
                last = name.split(".")
                if name.startswith("django.db") or any(part in DATABASE_MODULES for part in last):
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert not wrong, "template tags that reach the database:\n" + "\n".join(wrong)
