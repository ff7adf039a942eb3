"""What changed between two generated frameworks, section by section and element by element.

Pure: two framework dicts in (as `generate_framework` returns them, or as frozen in proposal
versions), a JSON-ready report out. Elements match by id; a changed element names the fields
that differ, with `data.<key>` for the keys inside its data.
"""

from __future__ import annotations

from typing import Any

ELEMENT_FIELDS = ("kind", "title", "text", "trace")
SECTION_FIELDS = ("title", "intro")


def _element_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    fields = [f for f in ELEMENT_FIELDS if old.get(f) != new.get(f)]
    old_data, new_data = old.get("data") or {}, new.get("data") or {}
    if old_data != new_data:
        keys = sorted(set(old_data) | set(new_data))
        fields += [f"data.{k}" for k in keys if old_data.get(k) != new_data.get(k)]
    return fields


def _brief(element: dict[str, Any]) -> dict[str, Any]:
    return {"id": element.get("id"), "kind": element.get("kind"), "title": element.get("title")}


def _section_diff(old: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any]:
    old_elements = {e["id"]: e for e in (old or {}).get("elements", [])}
    new_elements = {e["id"]: e for e in (new or {}).get("elements", [])}
    added = [_brief(e) for i, e in new_elements.items() if i not in old_elements]
    removed = [_brief(e) for i, e in old_elements.items() if i not in new_elements]
    changed = []
    for i, e in new_elements.items():
        if i in old_elements:
            fields = _element_changes(old_elements[i], e)
            if fields:
                changed.append({**_brief(e), "fields": fields})
    section_fields = []
    if old is not None and new is not None:
        extra = (set(old) | set(new)) - {"key", "elements"}
        ordered = [f for f in SECTION_FIELDS if f in extra] + sorted(extra - set(SECTION_FIELDS))
        section_fields = [f for f in ordered if old.get(f) != new.get(f)]
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    elif added or removed or changed or section_fields:
        status = "changed"
    else:
        status = "unchanged"
    source = new if new is not None else old
    assert source is not None
    return {
        "key": source.get("key"),
        "title": source.get("title"),
        "status": status,
        "added": added,
        "removed": removed,
        "changed": changed,
        "section_fields": section_fields,
    }


def diff_frameworks(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    old_sections = {s["key"]: s for s in old.get("sections", [])}
    new_sections = {s["key"]: s for s in new.get("sections", [])}
    keys = list(new_sections) + [k for k in old_sections if k not in new_sections]
    sections = [_section_diff(old_sections.get(k), new_sections.get(k)) for k in keys]
    old_versions = old.get("catalogue_versions") or {}
    new_versions = new.get("catalogue_versions") or {}
    catalogue = {
        k: {"old": old_versions.get(k), "new": new_versions.get(k)}
        for k in sorted(set(old_versions) | set(new_versions))
        if old_versions.get(k) != new_versions.get(k)
    }
    counts = {
        "added": sum(len(s["added"]) for s in sections),
        "removed": sum(len(s["removed"]) for s in sections),
        "changed": sum(len(s["changed"]) for s in sections),
    }
    return {
        "has_changes": bool(catalogue) or any(s["status"] != "unchanged" for s in sections),
        "catalogue_versions": catalogue,
        "counts": counts,
        "sections": sections,
    }
