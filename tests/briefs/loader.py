"""The client briefs of tests/briefs/*.yaml as data: the brief as a consultant hears it,
the answers as they would be entered, and an expert's expectations.

Each file holds:

    title:    one line
    brief:    the brief in prose, as a consultant hears it in a first meeting
    answers:  question id → the value the wizard stores (free text in the client's voice)
    expect:
      asked:         follow-ups the bank must show for these answers
      required:      requirement code → priority it must be derived with ("any": derived)
      not_required:  codes that must not be derived
    extracted:  (for the extractor) what the brief's prose must yield: heard, not_heard, gaps;
                `misread`: wrong readings the extractor still makes, each with its phrase
                (tested to still occur, so the entry goes when the extractor is fixed)
    proposal:   (for the framework) what the proposal must say; empty until filled

An expert's expectation the product does not meet yet is kept, not deleted: under
`expect.open` (requirements) or `proposal.open` (the proposal), each saying what was
expected and what the product does instead. They are not tested; the report of each
session says what share of the expectations was met.

The slots `extracted` and `proposal` are left for the extractor and fit engineers; this
loader keeps whatever they hold as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

BRIEFS_DIR = Path(__file__).resolve().parent
PRIORITIES = ("must", "should", "could", "wont", "any")
KEYS = {"title", "brief", "answers", "expect", "extracted", "proposal"}


@dataclass(frozen=True)
class Brief:
    slug: str
    title: str
    brief: str
    answers: dict[str, Any]
    asked: tuple[str, ...]
    required: dict[str, str]
    not_required: tuple[str, ...]
    extracted: Any = None
    proposal: Any = None
    path: Path = field(default=BRIEFS_DIR)


class BriefInvalid(ValueError):
    pass


def _load(path: Path) -> Brief:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    if not isinstance(data, dict):
        raise BriefInvalid(f"{where}: a brief is a mapping")
    unknown = set(data) - KEYS
    if unknown:
        raise BriefInvalid(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("title", "brief", "answers", "expect"):
        if not data.get(key):
            raise BriefInvalid(f"{where}: {key!r} is missing")
    for slot in ("extracted", "proposal"):
        if slot not in data:
            raise BriefInvalid(f"{where}: keep the {slot!r} slot, empty if not filled yet")
    expect = data["expect"]
    required = {str(k): str(v) for k, v in (expect.get("required") or {}).items()}
    bad = {code: p for code, p in required.items() if p not in PRIORITIES}
    if bad:
        raise BriefInvalid(f"{where}: unknown priorities {bad}")
    return Brief(
        slug=path.stem,
        title=str(data["title"]),
        brief=str(data["brief"]),
        answers=dict(data["answers"]),
        asked=tuple(expect.get("asked") or ()),
        required=required,
        not_required=tuple(expect.get("not_required") or ()),
        extracted=data.get("extracted"),
        proposal=data.get("proposal"),
        path=path,
    )


@cache
def briefs() -> tuple[Brief, ...]:
    """Every brief, in file-name order."""
    return tuple(_load(path) for path in sorted(BRIEFS_DIR.glob("*.yaml")))


def brief(slug: str) -> Brief:
    return next(b for b in briefs() if b.slug == slug)
