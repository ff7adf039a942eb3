from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import ID_MAX, bounded_int, htmx_partial, signed_in_user
from discovery import services as discovery_services
from discovery.bank import BANK
from discovery.models import Project
from discovery.selectors import (
    answer_sources,
    answers_for_project,
    project_get_for_user,
    question_links,
    unconfirmed_template_answers,
)

from . import selectors, services
from .catalogue import rule_catalogue
from .forms import (
    DismissForm,
    ManualRequirementForm,
    RequirementEditForm,
    RequirementFilterForm,
    attribute_initial,
)
from .models import Requirement, RequirementSync


def _requirement_or_404(project: Project, rid: int) -> Requirement:
    requirement = Requirement.objects.filter(project=project, pk=rid).first()
    if requirement is None:
        raise Http404
    return requirement


def _card_context(project: Project, requirement: Requirement, **extra: Any) -> dict[str, Any]:
    catalogue = rule_catalogue()
    names = {c.id: c.name for c in catalogue.categories}
    return {
        "project": project,
        "r": requirement,
        "links": question_links(project),
        "assumptions": unconfirmed_template_answers(project),
        "sources": answer_sources(project),
        "category_names": names,
        **extra,
    }


def _view_choice(request: HttpRequest) -> str:
    """Cards (the full read) or the compact table: what the link asked for, remembered
    for this consultant's next visit."""
    wanted = request.GET.get("view")
    if wanted in selectors.VIEWS:
        if request.session.get(selectors.VIEW_SESSION_KEY) != wanted:
            request.session[selectors.VIEW_SESSION_KEY] = wanted
        return str(wanted)
    stored = request.session.get(selectors.VIEW_SESSION_KEY)
    return str(stored) if stored in selectors.VIEWS else "cards"


UNDO_KEY = "requirements.undo"


@login_required
@require_GET
@vary_on_headers("HX-Request")
def requirement_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    report = services.requirements_sync_if_stale(project=project)
    view = _view_choice(request)
    form = RequirementFilterForm(request.GET or None)
    requirements = list(Requirement.objects.filter(project=project))
    filters = form.cleaned_data if form.is_valid() else {}
    counts = selectors.counts(requirements)
    shown = selectors.filtered(requirements, filters)
    catalogue = rule_catalogue()
    names = {c.id: c.name for c in catalogue.categories}
    order = catalogue.category_order
    active = selectors.active_filters(filters)
    query = urlencode({**active, "view": view}, doseq=True)
    context: dict[str, Any] = {
        "project": project,
        "view": view,
        "form": form,
        "filters": active,
        "query": query,
        "list_url": f"{reverse('requirements:list', args=[project.pk])}?{query}",
        "total": counts["live"],
        "dismissed_count": counts["dismissed"],
        "shown_count": len(shown),
        "counts_by_mark": counts,
        "links": question_links(project),
        "assumptions": unconfirmed_template_answers(project),
        "sources": answer_sources(project),
        "category_names": names,
        "sync": RequirementSync.objects.filter(project=project).first(),
        "catalogue_version": catalogue.version,
        "report": report,
        "undo": _undo_pop(request, project),
    }
    selectors.ordered(shown, order)
    size = selectors.TABLE_PAGE_SIZE if view == "table" else selectors.CARDS_PAGE_SIZE
    number = bounded_int(request.GET.get("page"), maximum=10_000) or selectors.page_holding(
        shown, bounded_int(request.GET.get("at"), maximum=ID_MAX), size
    )
    page = Paginator(shown, size).get_page(number)
    context["page"] = page
    if view != "table":
        context["groups"] = _groups(list(page.object_list), shown, names)
    partial = "req-table" if view == "table" else "req-groups"
    template = (
        f"requirements_app/list.html#{partial}"
        if htmx_partial(request)
        else "requirements_app/list.html"
    )
    return render(request, template, context)


def _groups(
    on_page: list[Requirement], shown: list[Requirement], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The cards of one page under their kind and category headings; the counts beside the
    headings are of every requirement the filters show, not only this page's."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    first_of: dict[tuple[str, str], int] = {}
    for requirement in shown:
        totals[(requirement.kind, requirement.category)] += 1
        first_of.setdefault((requirement.kind, requirement.category), requirement.pk)
    groups: list[dict[str, Any]] = []
    for kind, kind_label in Requirement.Kind.choices:
        by_category: dict[str, list[Requirement]] = {}
        for requirement in on_page:  # already in the views' order
            if requirement.kind == kind:
                by_category.setdefault(requirement.category, []).append(requirement)
        categories = [
            {
                "id": cid,
                "name": names.get(cid, cid),
                "items": items,
                "count": totals[(kind, cid)],
                # Its first cards were on the page before.
                "continued": first_of.get((kind, cid)) != items[0].pk,
            }
            for cid, items in by_category.items()
        ]
        groups.append(
            {
                "kind": kind,
                "label": kind_label,
                "categories": categories,
                "count": sum(n for (k, _c), n in totals.items() if k == kind),
            }
        )
    return groups


def _list_at(project: Project, requirement: Requirement) -> str:
    """The list page that shows `requirement`, scrolled to it."""
    base = reverse("requirements:list", args=[project.pk])
    return f"{base}?at={requirement.pk}#req-{requirement.pk}"


def _undo_pop(request: HttpRequest, project: Project) -> dict[str, Any] | None:
    """The bulk dismissal just made, offered once for undoing on the page it returns to."""
    pending = request.session.get(UNDO_KEY)
    if not isinstance(pending, dict) or pending.get("project") != project.pk:
        return None
    del request.session[UNDO_KEY]
    return pending


def _back_to_list(project: Project, raw: object) -> str:
    """The list page the bulk form came from (its filters and page kept), never another
    site or another project's page."""
    base = reverse("requirements:list", args=[project.pk])
    text = raw if isinstance(raw, str) else ""
    if text.startswith(base + "?") and url_has_allowed_host_and_scheme(text, allowed_hosts=None):
        return text
    return base


BULK_VERBS = {
    "confirm": "Confirm",
    "dismiss": "Dismiss",
    "restore": "Restore",
}


@login_required
@require_POST
def requirements_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, dismiss or restore the ticked requirements: first a page that names them
    and asks to confirm (with the reason for a dismissal), then the change, with a count
    and, for a dismissal, an Undo on the list."""
    project = project_get_for_user(request.user, pk)
    back = _back_to_list(project, request.POST.get("next"))
    action = request.POST.get("action", "")
    if action not in services.BULK_ACTIONS:
        return HttpResponse("Choose confirm, dismiss or restore.", status=400)
    ids = [
        value
        for value in (
            bounded_int(raw, maximum=ID_MAX) for raw in request.POST.getlist("ids")[:1000]
        )
        if value is not None
    ]
    selected = list(Requirement.objects.filter(project=project, pk__in=ids))
    if not selected:
        messages.error(request, "Tick at least one requirement first.")
        return redirect(back)
    reason = request.POST.get("reason", "").strip()
    error = ""
    if action == "dismiss" and request.POST.get("confirmed") == "1" and not reason:
        error = "Say why the selected requirements do not apply: the reason is kept with each."
    elif action == "dismiss" and len(reason) > 500:
        error = "Keep the reason under 500 characters."
    if request.POST.get("confirmed") != "1" or error:
        applies = [r for r in selected if _applies(r, action)]
        context = {
            "project": project,
            "action": action,
            "verb": BULK_VERBS[action],
            "applies": applies,
            "skipped": [r for r in selected if not _applies(r, action)],
            "reason": reason,
            "error": error,
            "back": back,
        }
        return render(
            request, "requirements_app/bulk_confirm.html", context, status=400 if error else 200
        )
    result = services.requirements_bulk(
        project=project, ids=ids, action=action, reason=reason, user=signed_in_user(request)
    )
    _bulk_message(request, action, result)
    if action == "dismiss" and result.done:
        request.session[UNDO_KEY] = {
            "project": project.pk,
            "ids": result.done_ids,
            "codes": result.done,
        }
    return redirect(back)


def _applies(requirement: Requirement, action: str) -> bool:
    if action == "confirm":
        return bool(requirement.mark)
    if action == "dismiss":
        return not requirement.dismissed
    return requirement.dismissed


def _bulk_message(request: HttpRequest, action: str, result: services.BulkResult) -> None:
    done = len(result.done)
    parts = []
    if action == "confirm":
        if done:
            parts.append(
                "{count} requirement{s} confirmed: {codes}.".format(
                    count=done, s="s" if done != 1 else "", codes=", ".join(result.done)
                )
            )
        if result.removed:
            parts.append(
                "{count} no longer derived and removed: {codes}.".format(
                    count=len(result.removed), codes=", ".join(result.removed)
                )
            )
    elif action == "dismiss" and done:
        parts.append(
            "{count} requirement{s} dismissed.".format(count=done, s="s" if done != 1 else "")
        )
    elif action == "restore" and done:
        parts.append(
            "{count} requirement{s} restored: {codes}.".format(
                count=done, s="s" if done != 1 else "", codes=", ".join(result.done)
            )
        )
    if result.skipped:
        parts.append(
            "{count} left as {they} (nothing to {verb}): {codes}.".format(
                count=len(result.skipped),
                they="they were" if len(result.skipped) != 1 else "it was",
                verb=action,
                codes=", ".join(result.skipped),
            )
        )
    if not parts:
        parts.append("Nothing changed.")
    messages.success(request, " ".join(parts))


@login_required
@require_GET
def requirement_card(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    requirement = _requirement_or_404(project, rid)
    if not htmx_partial(request):
        return redirect(_list_at(project, requirement))
    return render(
        request, "requirements_app/list.html#req-card", _card_context(project, requirement)
    )


@login_required
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    requirement = _requirement_or_404(project, rid)
    conflict = None
    manual = requirement.origin == Requirement.Origin.MANUAL
    if request.method == "POST":
        form = RequirementEditForm(request.POST, manual=manual, auto_id=f"edit-{requirement.pk}-%s")
        if form.is_valid():
            data = form.cleaned_data
            try:
                requirement = services.requirement_update(
                    requirement=requirement,
                    version=data["version"],
                    title=data["title"],
                    description=data["description"],
                    priority=data["priority"],
                    user=signed_in_user(request),
                    attributes=form.attribute_values() if manual else None,
                    # A form from before criteria were editable leaves them as they are.
                    acceptance_criteria=data["acceptance_criteria"]
                    if "acceptance_criteria" in request.POST
                    else None,
                )
            except services.RequirementConflict as exc:
                conflict = exc.current
                # Keep what this consultant typed, against the other's saved version.
                data = request.POST.copy()
                data["version"] = str(conflict.version)
                form = RequirementEditForm(
                    data=data, manual=manual, auto_id=f"edit-{requirement.pk}-%s"
                )
                form.is_valid()
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                if htmx_partial(request):
                    return render(
                        request,
                        "requirements_app/list.html#req-card",
                        _card_context(project, requirement, just_saved=True),
                    )
                messages.success(request, f"{requirement.code} saved.")
                return redirect(_list_at(project, requirement))
    else:
        form = RequirementEditForm(
            initial={
                "title": requirement.title,
                "description": requirement.description,
                "priority": requirement.priority,
                "acceptance_criteria": "\n".join(requirement.acceptance_criteria),
                "version": requirement.version,
                **attribute_initial(requirement.attributes),
            },
            manual=manual,
            auto_id=f"edit-{requirement.pk}-%s",
        )
    context = _card_context(project, requirement, form=form, conflict=conflict)
    template = (
        "requirements_app/list.html#req-edit"
        if htmx_partial(request)
        else "requirements_app/edit.html"
    )
    return render(request, template, context)


def _finish(
    request: HttpRequest, project: Project, requirement: Requirement | None
) -> HttpResponse:
    if requirement is not None and htmx_partial(request):
        return render(
            request, "requirements_app/list.html#req-card", _card_context(project, requirement)
        )
    if requirement is None and htmx_partial(request):
        return HttpResponse("")
    if requirement is None:
        return redirect("requirements:list", pk=project.pk)
    return redirect(_list_at(project, requirement))


def _conflict(
    request: HttpRequest, project: Project, exc: services.RequirementConflict
) -> HttpResponse:
    message = (
        f"{exc.current.code} was changed by "
        f"{exc.current.updated_by or 'someone else'} meanwhile; nothing was overwritten. "
        "Here is their version: try again from it."
    )
    if htmx_partial(request):
        return render(
            request,
            "requirements_app/list.html#req-card",
            _card_context(project, exc.current, card_error=message),
        )
    messages.error(request, message)
    return redirect(_list_at(project, exc.current))


@login_required
@require_POST
def requirement_dismiss(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    requirement = _requirement_or_404(project, rid)
    form = DismissForm(request.POST)
    if not form.is_valid():
        error = "Say why this requirement does not apply (up to 500 characters)."
        if htmx_partial(request):
            return render(
                request,
                "requirements_app/list.html#req-card",
                _card_context(project, requirement, card_error=error, dismissing=True),
            )
        messages.error(request, f"{requirement.code} not dismissed: {error}")
        return redirect(_list_at(project, requirement))
    try:
        requirement = services.requirement_dismiss(
            requirement=requirement,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            user=signed_in_user(request),
        )
    except services.RequirementConflict as exc:
        return _conflict(request, project, exc)
    return _finish(request, project, requirement)


@login_required
@require_POST
def requirement_restore(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    requirement = _requirement_or_404(project, rid)
    try:
        requirement = services.requirement_restore(
            requirement=requirement,
            version=_version(request, requirement),
            user=signed_in_user(request),
        )
    except services.RequirementConflict as exc:
        return _conflict(request, project, exc)
    return _finish(request, project, requirement)


def _version(request: HttpRequest, requirement: Requirement) -> int:
    return bounded_int(request.POST.get("version")) or requirement.version


@login_required
@require_POST
def requirement_clear_mark(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    requirement = _requirement_or_404(project, rid)
    try:
        result = services.requirement_clear_mark(
            requirement=requirement,
            version=_version(request, requirement),
            user=signed_in_user(request),
        )
    except services.RequirementConflict as exc:
        return _conflict(request, project, exc)
    if result is None and not htmx_partial(request):
        messages.success(request, f"{requirement.code} no longer applies and was removed.")
    return _finish(request, project, result)


@login_required
@require_POST
def requirement_move(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    requirement = _requirement_or_404(project, rid)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse("Direction must be up or down.", status=400)
    services.requirement_move(requirement=requirement, direction=direction)
    return redirect(_list_at(project, requirement))


@login_required
@require_http_methods(["GET", "POST"])
def requirement_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    form = ManualRequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            requirement = services.requirement_create_manual(
                project=project,
                user=signed_in_user(request),
                kind=data["kind"],
                category=data["category"],
                priority=data["priority"],
                title=data["title"],
                description=data["description"],
                rationale=data["rationale"],
                attributes=form.attribute_values(),
                acceptance_criteria=data["acceptance_criteria"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, f"{requirement.code} added.")
            return redirect(_list_at(project, requirement))
    return render(request, "requirements_app/create.html", {"project": project, "form": form})


@login_required
@require_POST
def requirements_derive(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    report = services.requirements_sync(project=project)
    if report.changed:
        parts = []
        if report.added:
            parts.append(f"{len(report.added)} new")
        if report.review:
            parts.append(f"{len(report.review)} to review")
        if report.obsolete:
            parts.append(f"{len(report.obsolete)} obsolete")
        if report.removed:
            parts.append(f"{len(report.removed)} removed ({', '.join(report.removed)})")
        messages.success(request, "Re-derived from the answers: " + ", ".join(parts) + ".")
    else:
        messages.info(request, "Re-derived from the answers: nothing changed.")
    return redirect("requirements:list", pk=project.pk)


@login_required
@require_POST
def requirements_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    services.requirements_sync_if_stale(project=project)
    services.requirements_confirm(project=project, user=signed_in_user(request))
    messages.success(request, "Requirements confirmed. The project is at the requirements stage.")
    return redirect("requirements:list", pk=project.pk)


@login_required
@require_GET
def traceability_matrix(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    services.requirements_sync_if_stale(project=project)
    requirements = [r for r in Requirement.objects.filter(project=project) if not r.dismissed]
    stored = answers_for_project(project)
    answers = BANK.effective_answers(stored)
    sources = answer_sources(project, stored)
    open_suggestions = discovery_services.suggestions_for(project=project, answers=stored)
    drives: dict[str, set[int]] = defaultdict(set)
    for requirement in requirements:
        for ref in requirement.trace.get("inputs", []):
            drives[ref["question_id"]].add(requirement.pk)
    links = question_links(project)
    rows = []
    for qid in BANK.questions:
        if qid not in answers and qid not in drives:
            continue
        question = BANK.questions[qid]
        rows.append(
            {
                "qid": qid,
                "label": question.label,
                "url": links[qid]["url"],
                "answer": question.display(answers.get(qid)),
                "answered": qid in answers,
                "cells": [r.pk in drives[qid] for r in requirements],
                "count": len(drives[qid]),
                "heard": sources.get(qid, []),
                "suggestions": open_suggestions.get(qid, []),
            }
        )
    answered = [row for row in rows if row["answered"]]
    driving = [row for row in answered if row["count"]]
    coverage = round(100 * len(driving) / len(answered)) if answered else 0
    context = {
        "project": project,
        "requirements": requirements,
        "rows": rows,
        "coverage": coverage,
        "answered_count": len(answered),
        "driving_count": len(driving),
        "idle": [row for row in answered if not row["count"]],
        "undecided": sum(len(items) for items in open_suggestions.values()),
        "review_url": reverse("discovery:wizard_review", args=[project.pk]),
        "unsourced": [r for r in requirements if r.origin == Requirement.Origin.MANUAL],
        "method_only": [
            r
            for r in requirements
            if r.origin == Requirement.Origin.DERIVED and not r.trace.get("inputs")
        ],
    }
    return render(request, "requirements_app/matrix.html", context)
