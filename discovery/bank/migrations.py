"""Data migrations of stored answers when the bank changes an id or a value space.

One pure function, `migrate_answers`, brings a project's answers (question id → stored
value) up to the current bank. It is idempotent and is applied to stored answers by a
Django data migration (discovery/migrations/0003_answers_bank_2026_12.py) and to every
imported export file, so version-1 exports written before a change still import.

Bank 2026.12.1:
- audience.languages became a list of ISO 639 codes: the old codes (en, de, pt, es, fr,
  it, nl) are already codes; "other" said nothing about which language and is dropped.
- The time KPIs' baselines and targets became quantities: a number of hours becomes the
  same duration in the unit a person says it in (0.1 → 6 min).
- integrations.other_purpose / other_direction (one answer for all "other systems")
  became one purpose and direction per system: the text goes to the systems it speaks of
  (by name or by the words for their kind), or to each of them when it names none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from discovery import units

from .data import DURATION_KPIS, OTHER_SYSTEMS

# Ids that no longer exist in the bank but may appear in the history of an answer.
RETIRED_QUESTION_IDS = frozenset({"integrations.other_purpose", "integrations.other_direction"})

# Words that name a kind of "other system" in the client's own text.
_OTHER_WORDS = {
    "ecommerce": ("e-commerce", "ecommerce", "shop", "store", "order"),
    "billing": ("billing", "invoice", "payment", "subscription", "refund"),
    "telephony": ("phone", "call", "telephony", "voice"),
    "monitoring": ("monitoring", "alert", "incident", "uptime"),
    "dev_tracker": ("bug", "engineering", "issue", "developer"),
}
_NAMED_BY = {
    "ecommerce": "integrations.ecommerce_platform",
    "dev_tracker": "integrations.dev_tracker",
    "billing": "integrations.billing_system",
    "telephony": "context.phone_system",
}
_OTHER_KINDS = {kind for kind, _label in OTHER_SYSTEMS}


def _names_of(kind: str, answers: Mapping[str, Any]) -> tuple[str, ...]:
    named = answers.get(_NAMED_BY.get(kind, ""))
    names = [kind.replace("_", " ")]
    if isinstance(named, str) and named and named != "other":
        names.append(named.replace("_", " "))
        names.append(named.split("_")[0])
    return (*names, *_OTHER_WORDS.get(kind, ()))


def _split_other_purpose(answers: dict[str, Any]) -> None:
    purpose = answers.pop("integrations.other_purpose", None)
    direction = answers.pop("integrations.other_direction", None)
    kinds = [k for k in answers.get("integrations.other") or [] if k in _OTHER_KINDS]
    if not kinds:
        return
    meant = kinds
    if isinstance(purpose, str) and purpose and len(kinds) > 1:
        text = purpose.lower()
        spoken = [k for k in kinds if any(n and n.lower() in text for n in _names_of(k, answers))]
        meant = spoken or kinds
    for kind in kinds:
        if purpose and kind in meant:
            answers.setdefault(f"integrations.{kind}_purpose", purpose)
        if direction:
            answers.setdefault(f"integrations.{kind}_direction", direction)


def migrate_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as the current bank stores them (a new dict; the input is unchanged)."""
    migrated = dict(answers)
    languages = migrated.get("audience.languages")
    if isinstance(languages, list) and "other" in languages:
        kept = [code for code in languages if code != "other"]
        if kept:
            migrated["audience.languages"] = kept
        else:
            del migrated["audience.languages"]
    for kpi in DURATION_KPIS:
        for part in ("baseline", "target"):
            qid = f"metrics.{kpi}.{part}"
            value = migrated.get(qid)
            if isinstance(value, int | float) and not isinstance(value, bool):
                hours = float(value) if kpi != "asa" else float(value) / 3600
                migrated[qid] = units.natural_duration(hours)
    if "integrations.other_purpose" in migrated or "integrations.other_direction" in migrated:
        _split_other_purpose(migrated)
    return migrated
