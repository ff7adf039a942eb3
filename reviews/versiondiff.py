"""What changed between two proposal versions, as a reader needs it.

Pure: two frozen snapshots in, a JSON-ready report out. Texts (titles, prose, answers,
requirements, notes) come as word-level pieces (`textdiff.word_diff`); of the data a
generator keeps beside its prose, only the fields a reader knows from the page are shown,
by their label (`CLIENT_FIELDS`), so the internals of a calculation never appear ("gap:
1 → -1"). An element whose only changes are internal is not listed.
"""

from __future__ import annotations

from typing import Any

from .textdiff import changed, word_diff

# Generator data a reader sees on the page, by the label the page gives it. Anything else
# (ids, scores' parts, intermediate figures, trace data) stays out of the diff.
CLIENT_FIELDS: dict[str, str] = {
    "name": "Name",
    "platform": "Platform",
    "product": "Product",
    "purpose": "Purpose",
    "detail": "Detail",
    "why": "Why",
    "reason": "Reason",
    "reasons": "Reasons",
    "cautions": "Cautions",
    "headcount": "Agents",
    "fte": "Full-time equivalents",
    "first_response_hours": "First response (hours)",
    "resolution_hours": "Resolution (hours)",
    "target": "Target",
    "baseline": "Baseline",
    "horizon": "Horizon",
    "definition": "Definition",
    "review_cadence": "Review cadence",
    "cadence": "Cadence",
    "handles": "Handles",
    "who": "Who",
    "approach": "Approach",
    "level": "Level",
    "weeks": "Duration (weeks)",
    "deliverables": "Deliverables",
    "owners": "Owners",
    "goals": "Goals",
    "steps": "Steps",
    "states": "States",
    "risk": "Risk",
    "mitigation": "Mitigation",
    "channels": "Channels",
}
ELEMENT_TEXT_FIELDS = {"title": "Title", "text": "Text"}
SECTION_FIELDS = {"title": "Title", "intro": "Introduction", "diagram_svg": "Diagram"}
REQUIREMENT_FIELDS = (
    ("title", "title", "Title"),
    ("description", "description", "Description"),
    ("priority", "priority_display", "Priority"),
    ("kind", "kind_display", "Kind"),
    ("category", "category_name", "Category"),
)
MAX_TEXT = 20_000  # longer values are only said to have changed


def _text(value: Any) -> str | None:
    """A value as the page writes it, or None when it is not a plain text or number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str) and len(value) <= MAX_TEXT:
        return value
    return None


def _texts(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def field_change(label: str, old: Any, new: Any) -> dict[str, Any] | None:
    """One changed field, as pieces of text, as items added and removed (a list of
    texts), or as a bare "updated" when its values do not read as text; None when the
    change is invisible (no difference once written out)."""
    old_items, new_items = _texts(old), _texts(new)
    if old_items is not None or new_items is not None:
        before, after = old_items or [], new_items or []
        added = [x for x in after if x not in before]
        removed = [x for x in before if x not in after]
        if not added and not removed:
            return None
        return {"field": label, "added": added, "removed": removed}
    a, b = _text(old), _text(new)
    if a is None and b is None:
        return {"field": label, "updated": True}
    pieces = word_diff(a or "", b or "")
    if not changed(pieces):
        return None
    return {"field": label, "pieces": pieces}


def _element_details(before: dict[str, Any], after: dict[str, Any], fields: list[str]) -> list:
    details = []
    for f in fields:
        if f in ELEMENT_TEXT_FIELDS:
            detail = field_change(ELEMENT_TEXT_FIELDS[f], before.get(f), after.get(f))
        elif f.startswith("data.") and f[5:] in CLIENT_FIELDS:
            name = f[5:]
            detail = field_change(
                CLIENT_FIELDS[name],
                (before.get("data") or {}).get(name),
                (after.get("data") or {}).get(name),
            )
        else:
            continue  # kind, trace, and the generator's own workings
        if detail is not None:
            details.append(detail)
    return details


def enrich_framework(diff: dict[str, Any], old: dict[str, Any], new: dict[str, Any]) -> None:
    """Readable before and after next to each changed section field and element."""
    old_elements = {
        (s["key"], e["id"]): e for s in old.get("sections", []) for e in s.get("elements", [])
    }
    new_elements = {
        (s["key"], e["id"]): e for s in new.get("sections", []) for e in s.get("elements", [])
    }
    old_sections = {s["key"]: s for s in old.get("sections", [])}
    new_sections = {s["key"]: s for s in new.get("sections", [])}
    for section in diff["sections"]:
        key = section["key"]
        changes = []
        for f in section["section_fields"]:
            if f not in SECTION_FIELDS:
                continue
            if f == "diagram_svg":
                changes.append({"field": SECTION_FIELDS[f], "updated": True})
                continue
            detail = field_change(
                SECTION_FIELDS[f],
                old_sections.get(key, {}).get(f),
                new_sections.get(key, {}).get(f),
            )
            if detail is not None:
                changes.append(detail)
        section["field_changes"] = changes
        for change in section["changed"]:
            change["details"] = _element_details(
                old_elements.get((key, change["id"]), {}),
                new_elements.get((key, change["id"]), {}),
                change["fields"],
            )
        # An element whose only changes are the generator's workings did not change for
        # a reader.
        section["changed"] = [c for c in section["changed"] if c["details"]]
        if section["status"] == "changed" and not (
            changes or section["added"] or section["removed"] or section["changed"]
        ):
            section["status"] = "unchanged"  # only the workings moved


def requirements_diff(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, Any]:
    old_by_code = {r["code"]: r for r in old}
    new_by_code = {r["code"]: r for r in new}
    changed_rows = []
    for code, requirement in new_by_code.items():
        if code not in old_by_code:
            continue
        before = old_by_code[code]
        fields = []
        for key, display, label in REQUIREMENT_FIELDS:
            if before.get(key) == requirement.get(key):
                continue
            detail = field_change(
                label, before.get(display, before.get(key)), requirement.get(display)
            )
            if detail is not None:
                fields.append(detail)
        if before.get("attributes", {}) != requirement.get("attributes", {}):
            detail = field_change(
                "Constraints",
                _constraints(before.get("attributes") or {}),
                _constraints(requirement.get("attributes") or {}),
            )
            if detail is not None:
                fields.append(detail)
        if fields:
            changed_rows.append({"requirement": requirement, "fields": fields})
    return {
        "added": [r for c, r in new_by_code.items() if c not in old_by_code],
        "removed": [r for c, r in old_by_code.items() if c not in new_by_code],
        "changed": changed_rows,
    }


def _constraints(values: dict[str, Any]) -> list[str]:
    """A requirement's attributes as a reader sees them: "Data residency: In the EU"."""
    from requirements_app.attributes import describe

    return [f"{label}: {value}" for label, value in describe(values)]


def answers_diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    old_display = old.get("answer_display", {})
    new_display = new.get("answer_display", {})
    labels = {**old.get("questions", {}), **new.get("questions", {})}
    rows = []
    for qid in sorted(set(old_display) | set(new_display)):
        before, after = old_display.get(qid, ""), new_display.get(qid, "")
        if before == after:
            continue
        rows.append(
            {
                "label": labels.get(qid, {}).get("label", qid),
                "old": before,
                "new": after,
                "pieces": word_diff(before, after),
            }
        )
    return rows


def notes_diff(
    old: dict[str, Any], new: dict[str, Any], titles: dict[str, str]
) -> list[dict[str, Any]]:
    rows = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key, {}), new.get(key, {})
        if before == after:
            continue
        fields = [
            detail
            for field, label in (("note", "Note"), ("intro_override", "Introduction"))
            if (detail := field_change(label, before.get(field, ""), after.get(field, "")))
        ]
        rows.append(
            {"section": titles.get(key, key), "old": before, "new": after, "fields": fields}
        )
    return rows
