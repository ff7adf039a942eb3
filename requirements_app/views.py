from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import bounded_int, htmx_partial, signed_in_user
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

from . import services
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


@login_required
@require_GET
@vary_on_headers("HX-Request")
def requirement_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    report = services.requirements_sync_if_stale(project=project)
    if (
        report is not None
        and report.changed
        and report.added
        and len(report.added) != sum(1 for _ in report.added)
    ):
        pass  # (kept simple: the marks on the cards say what changed)
    form = RequirementFilterForm(request.GET or None)
    requirements = list(Requirement.objects.filter(project=project))
    filters = form.cleaned_data if form.is_valid() else {}
    counts_by_mark: dict[str, int] = defaultdict(int)
    for requirement in requirements:
        if requirement.mark and not requirement.dismissed:
            counts_by_mark[requirement.mark] += 1
    shown = []
    for requirement in requirements:
        if requirement.dismissed and not filters.get("dismissed"):
            continue
        if filters.get("priority") and requirement.priority != filters["priority"]:
            continue
        mark = filters.get("mark")
        if mark == "marked" and not requirement.mark:
            continue
        if mark and mark != "marked" and requirement.mark != mark:
            continue
        shown.append(requirement)
    catalogue = rule_catalogue()
    names = {c.id: c.name for c in catalogue.categories}
    order = catalogue.category_order
    groups: list[dict[str, Any]] = []
    for kind, kind_label in Requirement.Kind.choices:
        by_category: dict[str, list[Requirement]] = defaultdict(list)
        for requirement in shown:
            if requirement.kind == kind:
                by_category[requirement.category].append(requirement)
        categories = [
            {"id": cid, "name": names.get(cid, cid), "items": items}
            for cid, items in sorted(by_category.items(), key=lambda kv: order.get(kv[0], 999))
        ]
        groups.append(
            {
                "kind": kind,
                "label": kind_label,
                "categories": categories,
                "count": sum(len(c["items"]) for c in categories),
            }
        )
    sync = RequirementSync.objects.filter(project=project).first()
    context = {
        "project": project,
        "groups": groups,
        "form": form,
        "total": sum(1 for r in requirements if not r.dismissed),
        "dismissed_count": sum(1 for r in requirements if r.dismissed),
        "shown_count": len(shown),
        "counts_by_mark": dict(counts_by_mark),
        "links": question_links(project),
        "assumptions": unconfirmed_template_answers(project),
        "sources": answer_sources(project),
        "category_names": names,
        "sync": sync,
        "catalogue_version": catalogue.version,
        "report": report,
    }
    template = (
        "requirements_app/list.html#req-groups"
        if htmx_partial(request)
        else "requirements_app/list.html"
    )
    return render(request, template, context)


@login_required
@require_GET
def requirement_card(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    requirement = _requirement_or_404(project, rid)
    if not htmx_partial(request):
        return redirect(f"{reverse('requirements:list', args=[project.pk])}#req-{requirement.pk}")
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
                return redirect(
                    f"{reverse('requirements:list', args=[project.pk])}#req-{requirement.pk}"
                )
    else:
        form = RequirementEditForm(
            initial={
                "title": requirement.title,
                "description": requirement.description,
                "priority": requirement.priority,
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
    anchor = f"#req-{requirement.pk}" if requirement is not None else ""
    return redirect(f"{reverse('requirements:list', args=[project.pk])}{anchor}")


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
    return redirect(f"{reverse('requirements:list', args=[project.pk])}#req-{exc.current.pk}")


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
        return redirect(f"{reverse('requirements:list', args=[project.pk])}#req-{requirement.pk}")
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
    return redirect(f"{reverse('requirements:list', args=[project.pk])}#req-{requirement.pk}")


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
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, f"{requirement.code} added.")
            return redirect(
                f"{reverse('requirements:list', args=[project.pk])}#req-{requirement.pk}"
            )
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
