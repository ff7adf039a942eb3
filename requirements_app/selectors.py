"""Reads for the requirement screens: the filters both views share, the counts above
them and the page the table shows. The project's requirements are read in one query and
filtered in Python (a project has hundreds, not millions), so a page's queries do not grow
with their number. Both views are paginated in the same order (kind, category, position),
and a link may ask for the page that holds one requirement (`?at=<id>`), so a redirect
after an edit lands on that requirement whatever page it is on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .models import Requirement

TABLE_PAGE_SIZE = 50
# Cards are the full read of each requirement (its why, trace and criteria): a page of
# them is already several screens long.
CARDS_PAGE_SIZE = 20
VIEWS = ("cards", "table")
VIEW_SESSION_KEY = "requirements.view"
MAX_QUERY_WORDS = 12


def _words(query: str) -> list[str]:
    return query.casefold().split()[:MAX_QUERY_WORDS]


def matches(requirement: Requirement, filters: Mapping[str, Any]) -> bool:
    """Whether a requirement passes the list's filters: search words (each in its code,
    title, description, rationale or acceptance criteria), category, priority, kind,
    origin and status; dismissed ones only when asked for (or when the status asks)."""
    status = filters.get("mark") or ""
    if requirement.dismissed and not (filters.get("dismissed") or status == "dismissed"):
        return False
    for name in ("priority", "kind", "category", "origin"):
        wanted = filters.get(name)
        if wanted and getattr(requirement, name) != wanted:
            return False
    if status and not _has_status(requirement, status):
        return False
    words = _words(filters.get("q") or "")
    if words:
        haystack = " ".join(
            (
                requirement.code,
                requirement.title,
                requirement.description,
                requirement.rationale,
                *map(str, requirement.acceptance_criteria or []),
            )
        ).casefold()
        if not all(word in haystack for word in words):
            return False
    return True


def _has_status(requirement: Requirement, status: str) -> bool:
    if status == "marked":
        return bool(requirement.mark)
    if status == "unmarked":
        return not requirement.mark
    if status == "no_criteria":
        return not requirement.acceptance_criteria
    if status == "edited":
        return bool(requirement.edited_fields)
    if status == "dismissed":
        return requirement.dismissed
    return requirement.mark == status


def filtered(requirements: Iterable[Requirement], filters: Mapping[str, Any]) -> list[Requirement]:
    return [r for r in requirements if matches(r, filters)]


def counts(requirements: Iterable[Requirement]) -> dict[str, int]:
    """Live (not dismissed) requirements by mark, those without acceptance criteria, and
    the dismissed ones."""
    result = {"new": 0, "review": 0, "obsolete": 0, "no_criteria": 0, "dismissed": 0, "live": 0}
    for requirement in requirements:
        if requirement.dismissed:
            result["dismissed"] += 1
            continue
        result["live"] += 1
        if requirement.mark:
            result[requirement.mark] = result.get(requirement.mark, 0) + 1
        if not requirement.acceptance_criteria:
            result["no_criteria"] += 1
    return result


def active_filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    """The filters actually set (for the links that keep them, and 'Clear filters')."""
    return {k: v for k, v in filters.items() if v not in (None, "", False)}


KIND_ORDER = {kind: index for index, kind in enumerate(Requirement.Kind.values)}


def ordered(requirements: list[Requirement], category_order: Mapping[str, int]) -> None:
    """Sort in place as both views show them: functional first, then by category in the
    catalogue's order, then as the consultant arranged them."""
    requirements.sort(
        key=lambda r: (
            KIND_ORDER.get(r.kind, 99),
            category_order.get(r.category, 999),
            r.position,
            r.pk,
        )
    )


def page_holding(requirements: list[Requirement], requirement_id: int | None, size: int) -> int:
    """The page number (from 1) on which `requirement_id` is shown, or 1 if it is not."""
    for index, requirement in enumerate(requirements):
        if requirement.pk == requirement_id:
            return index // size + 1
    return 1
