from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from accounts.http import htmx_partial, signed_in_user
from accounts.selectors import active_organization

from . import selectors, services
from .bank import BANK, QType, Question, Step
from .bank.model import posted_form_value
from .forms import NewProjectForm, ProjectFilterForm, ProjectForm, TemplateSaveForm
from .models import AnswerRevision, Project
from .project_templates import BUILT_IN
from .rendering import feedback_html, heard_html, question_html
from .revisions import TAB_FIELD, Base, base_field, posted_tab
from .suggestions import TEXT_TYPES

PAGE_SIZE = 25


@login_required
@require_GET
@vary_on_headers("HX-Request")
def dashboard(request: HttpRequest) -> HttpResponse:
    organization, organizations = active_organization(request)
    form = ProjectFilterForm(request.GET or None)
    projects: QuerySet[Project] | None = None
    page = None
    if organization is not None:
        filters: dict[str, Any] = {}
        if form.is_valid():
            filters = {
                "search": form.cleaned_data["q"],
                "stage": form.cleaned_data["stage"],
                "archived": form.cleaned_data["archived"],
            }
        projects = selectors.project_list(organization=organization, **filters)
        page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "organization": organization,
        "organizations": organizations,
        "form": form,
        "page": page,
        "query": urlencode(query),
        "filtered": bool(query),
    }
    template = (
        "discovery/dashboard.html#project-list"
        if htmx_partial(request)
        else "discovery/dashboard.html"
    )
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    organization, _ = active_organization(request)
    if organization is None:
        raise Http404
    templates = selectors.template_choices(organization)
    form = NewProjectForm(
        request.POST or None, templates=templates, initial={"language": organization.language}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("template", "")
        template = selectors.template_for_key(organization, key) if key else None
        project = services.project_create(
            organization=organization, user=signed_in_user(request), template=template, **data
        )
        if template is not None:
            messages.success(
                request,
                f"Project “{project.name}” created from the {template[0]} template. Its answers "
                "are marked until you confirm or change each with the client.",
            )
        else:
            messages.success(request, f"Project “{project.name}” created. Start the discovery.")
        return redirect("discovery:step", pk=project.pk, step=BANK.first_step().slug)
    return render(
        request,
        "discovery/project_form.html",
        {"form": form, "organization": organization, "templates": BUILT_IN},
    )


# Answer types a template keeps by default: choices and codes. Text, rows (names, the
# client's words) and the client's own figures are shown unticked, for the consultant to
# choose.
_KEPT_BY_DEFAULT = frozenset(
    {QType.CHOICE, QType.MULTI, QType.LANGUAGES, QType.PLACES, QType.QUANTITY}
)


@login_required
@require_http_methods(["GET", "POST"])
def project_template_save(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    effective = BANK.effective_answers(selectors.answers_for_project(project))
    questions = [BANK.questions[qid] for qid in effective]
    form = TemplateSaveForm(
        request.POST or None,
        answer_choices=[(q.id, q.label) for q in questions],
        initial={"answers": [q.id for q in questions if q.type in _KEPT_BY_DEFAULT]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            template = services.project_template_save(
                project=project,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                question_ids=form.cleaned_data["answers"],
                user=signed_in_user(request),
            )
        except ValidationError as exc:
            form.add_error("name", " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"Template “{template.name}” saved with {len(template.answers)} answers. New "
                "projects can start from it.",
            )
            return redirect("discovery:project_detail", pk=project.pk)
    chosen = set(form["answers"].value() or [])
    return render(
        request,
        "discovery/template_save.html",
        {
            "project": project,
            "form": form,
            "items": [
                {
                    "q": q,
                    "display": q.display(effective[q.id]),
                    "words": q.type not in _KEPT_BY_DEFAULT,
                    "checked": q.id in chosen,
                }
                for q in questions
            ],
        },
    )


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    answers = selectors.answers_for_project(project)
    steps = [(step, *BANK.step_progress(step, answers)) for step in BANK.steps]
    # The latest change of each of the last few questions touched: autosave records a
    # revision per pause in typing, and eight of one question would say little.
    recent: list[tuple[AnswerRevision, Any]] = []
    seen: set[str] = set()
    revisions = AnswerRevision.objects.filter(project=project).select_related("changed_by")
    for revision in revisions[:60]:
        if revision.question_id not in seen:
            seen.add(revision.question_id)
            recent.append((revision, BANK.questions.get(revision.question_id)))
        if len(recent) == 8:
            break
    authors = selectors.revision_authors(project, [revision for revision, _ in recent])
    return render(
        request,
        "discovery/project_detail.html",
        {
            "project": project,
            "steps": steps,
            "gaps": BANK.gaps(answers),
            "unconfirmed": selectors.unconfirmed_template_answers(project, answers),
            "recent": [(revision, q, authors[revision.pk]) for revision, q in recent],
            "stages": Project.Stage.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.project_rename(project=project, **form.cleaned_data)
        messages.success(request, "Project details saved.")
        return redirect("discovery:project_detail", pk=project.pk)
    return render(
        request,
        "discovery/project_form.html",
        {"form": form, "project": project, "organization": project.organization},
    )


@login_required
@require_POST
def project_archive(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    services.project_archive(project=project)
    messages.success(request, f"“{project.name}” archived. You can restore it from Archived.")
    return redirect("discovery:dashboard")


@login_required
@require_POST
def project_restore(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    services.project_restore(project=project)
    messages.success(request, f"“{project.name}” restored.")
    return redirect("discovery:dashboard")


@login_required
@require_GET
def wizard_resume(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    slug = project.current_step
    if slug == "review":
        return redirect("discovery:wizard_review", pk=project.pk)
    if slug not in BANK.step_by_slug:
        slug = BANK.first_step().slug
    return redirect("discovery:step", pk=project.pk, step=slug)


def _step_or_404(slug: str) -> Step:
    try:
        return BANK.step(slug)
    except KeyError:
        raise Http404 from None


def _step_nav(
    project: Project, answers: dict[str, Any], visible: dict[str, bool]
) -> tuple[list[dict[str, Any]], int]:
    """Per-step progress for the side navigation, and the overall percentage."""
    nav = []
    base = reverse("discovery:wizard_resume", args=[project.pk])
    for step in BANK.steps:
        answered, total = BANK.step_progress(step, answers, visible)
        nav.append(
            {
                "step": step,
                "url": f"{base}{step.slug}/",
                "answered": answered,
                "total": total,
                "percent": round(100 * answered / total) if total else 100,
            }
        )
    # The same figure as the dashboard's: the share of what later stages need.
    return nav, BANK.completeness(answers, visible)


def _question_row(
    autosave_url: str,
    question: Question,
    answers: dict[str, Any],
    errors: dict[str, str],
    visible: bool,
    raw: Any = None,
    oob: bool = False,
    bases: dict[str, Base] | None = None,
    conflicts: dict[str, services.Conflict] | None = None,
    extra_rows: int = 0,
    template_mark: str = "",
    heard: str = "",
) -> dict[str, Any]:
    value = answers.get(question.id)
    conflict = (conflicts or {}).get(question.id)
    if raw is not None and (question.id in errors or conflict is not None):
        # Show what the person typed, not the last saved value, next to its error or
        # next to the other version it conflicts with: nothing typed is lost.
        value = posted_form_value(question, raw)
    error = errors.get(question.id, "")
    base = (bases or {}).get(question.id) or Base.of(None, 0)
    return {
        "q": question,
        "error": error,
        "conflict": conflict,
        "html": question_html(
            question,
            visible=visible,
            value=value,
            error=error,
            autosave_url=autosave_url,
            oob=oob,
            base=base,
            conflict=conflict,
            extra_rows=extra_rows,
            template_mark=template_mark,
            heard=heard,
        ),
    }


def _heard(
    project: Project,
    question: Question,
    items: list[Any],
    *,
    step: str,
    note: str = "",
    error: str = "",
    oob: bool = False,
    request: HttpRequest | None = None,
) -> str:
    """A question's suggestions box; given the `request`, the box of the gaps review (a
    form of its own, returning there)."""
    url = reverse("discovery:suggestion_decide", args=[project.pk])
    url += f"?step={step}" + ("&back=review" if request is not None else "")
    csrf = ""
    if request is not None:
        csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
    return heard_html(
        question,
        items,
        decide_url=url,
        note=note,
        error=error,
        oob=oob,
        form=request is not None,
        csrf_input=csrf,
    )


def _step_heard(project: Project, step: Step, answers: dict[str, Any]) -> dict[str, str]:
    """The suggestions box of every free-text question of the step."""
    texts = [q.id for q in step.questions if q.type in TEXT_TYPES]
    found = services.suggestions_for(project=project, answers=answers, question_ids=texts)
    return {
        qid: _heard(project, BANK.questions[qid], found.get(qid, []), step=step.slug)
        for qid in texts
    }


def _wizard_context(
    project: Project,
    step: Step,
    answers: dict[str, Any],
    bases: dict[str, Base],
    *,
    tab: str = "",
    errors: dict[str, str] | None = None,
    conflicts: dict[str, services.Conflict] | None = None,
    raw: Any = None,
    add_row: str = "",
) -> dict[str, Any]:
    visible = BANK.visibility(answers)
    nav, overall = _step_nav(project, answers, visible)
    errors = errors or {}
    autosave_url = reverse("discovery:autosave", args=[project.pk])
    marks = selectors.template_marks(project)
    heard = _step_heard(project, step, answers)
    return {
        "project": project,
        "step": step,
        "rows": [
            _question_row(
                autosave_url,
                q,
                answers,
                errors,
                visible[q.id],
                raw,
                False,
                bases,
                conflicts,
                extra_rows=q.id == add_row,
                template_mark=marks.get(q.id, ""),
                heard=heard.get(q.id, ""),
            )
            for q in step.questions
        ],
        "marked": [
            qid
            for qid in marks
            if qid in visible and visible[qid] and BANK.questions[qid].step == step.slug
        ],
        "nav": nav,
        "overall": overall,
        "previous": BANK.previous_step(step.slug),
        "next": BANK.next_step(step.slug),
        "errors": errors,
        "conflicts": conflicts or {},
        # Names this page to the answer service: its own autosave racing its own Next is
        # never a conflict (discovery.revisions). Kept across the page's own re-renders.
        "tab": tab or secrets.token_urlsafe(9),
        "tab_field": TAB_FIELD,
    }


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def wizard_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    current = _step_or_404(step)
    if request.method == "GET":
        services.project_visit_step(project=project, step_slug=current.slug)
        answers, bases = selectors.answers_with_bases(project)
        context = _wizard_context(project, current, answers, bases)
        return _render_step(request, context)

    # A whole-step submit: the no-JavaScript path, and Back/Next buttons with htmx.
    present = set(request.POST.getlist("__q"))
    questions = [q for q in current.questions if q.id in present]
    raw = _without_removed_row(request.POST, current)
    result = services.answers_save(
        project=project,
        raw=raw,
        questions=questions,
        user=signed_in_user(request),
    )
    confirm = request.POST.getlist("__confirm")
    if confirm:
        # Confirm one template answer ("qid"), or every one shown on this page ("*").
        if "*" in confirm:
            confirm = [q.id for q in current.questions]
        done = services.answers_confirm(
            project=project,
            question_ids=[qid for qid in confirm if qid in {q.id for q in current.questions}],
            user=signed_in_user(request),
        )
        if done:
            messages.success(
                request,
                "Confirmed as the client's answer."
                if len(done) == 1
                else f"{len(done)} answers confirmed as the client's.",
            )
    add_row = request.POST.get("__add_row", "")
    if add_row or "__remove_row" in request.POST or confirm:
        # A row added or removed without JavaScript: the same page again, saved, with a
        # blank row more for the question that asked for one.
        context = _wizard_context(
            project,
            current,
            result.answers,
            result.bases,
            tab=posted_tab(request.POST),
            errors=result.errors,
            conflicts=result.conflicts,
            raw=raw,
            add_row=add_row,
        )
        return _render_step(request, context)
    suggestion = request.POST.get("__suggest", "")
    if suggestion:
        result = _apply_suggestion(request, project, current, suggestion, result)
    decided = request.POST.get("__accept") or request.POST.get("__dismiss")
    if decided:
        # Without JavaScript, Add and Dismiss submit the whole step: it is saved first
        # (above), then the suggestion is decided against what was just saved.
        _decide_message(request, project, decided, accept="__accept" in request.POST)
        if not result.errors:
            return _go(request, project, current.slug)
    action = request.POST.get("action", "save")
    destination: Step | None = None
    if result.conflicts:
        # Changed here and in another tab: stay, with both versions, until the person
        # chooses. Going on would drop the text of this page.
        pass
    elif action == "back":
        destination = BANK.previous_step(current.slug)
        for qid, error in result.errors.items():
            messages.warning(request, f"Not saved: “{BANK.questions[qid].label}”: {error}")
    elif action == "next" and not result.errors:
        destination = BANK.next_step(current.slug)
        if destination is None:
            return _go(request, project, "review")
    if destination is not None:
        return _go(request, project, destination.slug)
    if not result.errors and not result.conflicts and not suggestion:
        messages.success(request, "Answers saved.")
        return _go(request, project, current.slug)
    context = _wizard_context(
        project,
        current,
        result.answers,
        result.bases,
        tab=posted_tab(request.POST),
        errors=result.errors,
        conflicts=result.conflicts,
        raw=request.POST,
    )
    return _render_step(request, context, status=200)


def _without_removed_row(post: QueryDict, step: Step) -> QueryDict:
    """The posted form without the row whose Remove button was pressed (no JavaScript)."""
    qid, _, index = post.get("__remove_row", "").rpartition("|")
    question = BANK.questions.get(qid)
    if question is None or question.step != step.slug or question.type is not QType.RECORDS:
        return post
    if not index.isdigit():
        return post
    raw = post.copy()
    for f in question.fields:
        name = question.field_input_name(f.id)
        values = raw.getlist(name)
        if int(index) < len(values):
            del values[int(index)]
            raw.setlist(name, values)
    return raw


def _apply_suggestion(
    request: HttpRequest, project: Project, step: Step, suggestion: str, result: Any
) -> Any:
    qid, _, index = suggestion.rpartition("|")
    question = BANK.questions.get(qid)
    if question is None or question.step != step.slug or not index.isdigit():
        return result
    examples = question.examples
    if int(index) >= len(examples):
        return result
    raw = QueryDict(mutable=True)
    raw.setlist(question.field_name, [examples[int(index)]])
    # The page's base for the question and its name: a suggestion is a write like any other.
    for name in (base_field(question.id), TAB_FIELD):
        raw.setlist(name, request.POST.getlist(name))
    extra = services.answers_save(
        project=project,
        raw=raw,
        questions=[question],
        user=signed_in_user(request),
    )
    extra.errors.update(result.errors)
    extra.conflicts = {**result.conflicts, **extra.conflicts}
    return extra


def _decide_message(request: HttpRequest, project: Project, decided: str, *, accept: bool) -> Any:
    source, _, key = decided.partition("|")
    outcome = services.suggestion_decide(
        project=project,
        source_question_id=source,
        key=key,
        accept=accept,
        user=signed_in_user(request),
    )
    if outcome.error:
        messages.warning(request, outcome.error)
    elif outcome.suggestion is not None:
        messages.success(request, _decided_text(outcome.suggestion, accept))
    return outcome


def _decided_text(suggestion: Any, accept: bool) -> str:
    target = BANK.questions[suggestion.target_question_id].label
    if accept:
        return f"Added {suggestion.label} to “{target}”."
    return f"Dismissed {suggestion.label}: it will not be suggested again."


@login_required
@require_POST
def suggestion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Add or Dismiss on a suggestion, with htmx: the suggestions box again, with what
    happened, and the answers it changed on this page (and the follow-ups they opened)."""
    project = selectors.project_get_for_user(request.user, pk)
    accept = "__accept" in request.POST
    decided = request.POST.get("__accept") or request.POST.get("__dismiss") or ""
    source_id, _, key = decided.partition("|")
    source = BANK.questions.get(source_id)
    page = BANK.step_by_slug.get(request.GET.get("step", ""))
    if source is None or page is None:
        return HttpResponse("Unknown suggestion.", status=400)
    review = request.GET.get("back") == "review"
    if not htmx_partial(request):
        # From the gaps review without JavaScript: decide, say so, and go back there.
        _decide_message(request, project, decided, accept=accept)
        if review:
            return redirect(f"{reverse('discovery:wizard_review', args=[project.pk])}#heard")
        return redirect("discovery:step", pk=project.pk, step=page.slug)
    before = selectors.answers_for_project(project)
    outcome = services.suggestion_decide(
        project=project,
        source_question_id=source_id,
        key=key,
        accept=accept,
        user=signed_in_user(request),
    )
    answers = selectors.answers_for_project(project)
    note = ""
    if outcome.suggestion is not None and not outcome.error:
        note = _decided_note(project, outcome.suggestion, accept, page, before, answers)
    remaining = services.suggestions_for(
        project=project, answers=answers, question_ids=[source_id]
    ).get(source_id, [])
    html = _heard(
        project,
        source,
        remaining,
        step=page.slug,
        note=note,
        error=outcome.error,
        request=request if review else None,
    )
    if not accept or outcome.error or review:
        return HttpResponse(html)
    visible, visible_before = BANK.visibility(answers), BANK.visibility(before)
    autosave_url = reverse("discovery:autosave", args=[project.pk])
    bases = outcome.save.bases if outcome.save is not None else None
    changed = [
        _question_row(autosave_url, q, answers, {}, visible[q.id], oob=True, bases=bases)
        for q in page.questions
        if q.id != source_id
        and (answers.get(q.id) != before.get(q.id) or visible[q.id] != visible_before[q.id])
    ]
    nav, overall = _step_nav(project, answers, visible)
    context = {"project": project, "changed": changed, "nav": nav, "overall": overall, "step": page}
    rest = render(request, "discovery/wizard.html#decide-response", context).content.decode()
    return HttpResponse(html + rest)


def _decided_note(
    project: Project,
    suggestion: Any,
    accept: bool,
    page: Step,
    before: dict[str, Any],
    answers: dict[str, Any],
) -> str:
    """What a decision did, as trusted HTML (every variable part escaped)."""
    if not accept:
        return format_html("Dismissed {}: it will not be suggested again.", suggestion.label)
    target = BANK.questions[suggestion.target_question_id]
    base = reverse("discovery:wizard_resume", args=[project.pk])
    shown_before = BANK.visibility(before)
    opened = [
        q
        for q, shown in BANK.visibility(answers).items()
        if shown and not shown_before[q] and BANK.questions[q].step != page.slug and q != target.id
    ]
    if target.step == page.slug and not opened:
        return format_html("Added {} to “{}” below.", suggestion.label, target.label)
    links = [
        format_html('<a href="{}{}/#{}">{}</a>', base, target.step, target.html_id, target.label)
    ]
    links += [
        format_html(
            '<a href="{}{}/#{}">{}</a>',
            base,
            BANK.questions[q].step,
            BANK.questions[q].html_id,
            BANK.questions[q].label,
        )
        for q in opened
    ]
    if len(links) == 1:
        return format_html("Added {} to “{}”", suggestion.label, links[0])
    return format_html(
        "Added {} to “{}”, which opens {}",
        suggestion.label,
        links[0],
        mark_safe(", ".join(format_html("“{}”", link) for link in links[1:])),  # noqa: S308  safe-audited: each link built by format_html
    )


def _go(request: HttpRequest, project: Project, slug: str) -> HttpResponse:
    """Move to another wizard page: a redirect without htmx; with htmx, the page itself,
    with its URL pushed so that reload and the back button land on it."""
    if slug == "review":
        url = reverse("discovery:wizard_review", args=[project.pk])
    else:
        url = reverse("discovery:step", args=[project.pk, slug])
    if not htmx_partial(request):
        return HttpResponseRedirect(url)
    if slug == "review":
        response = _review(request, project)
    else:
        services.project_visit_step(project=project, step_slug=slug)
        answers, bases = selectors.answers_with_bases(project)
        # The same browser tab goes on: its name goes with it (discovery.revisions).
        tab = posted_tab(request.POST)
        response = render(
            request,
            "discovery/wizard.html#wizard",
            _wizard_context(project, BANK.step(slug), answers, bases, tab=tab),
        )
    return push_url(response, url)


def _render_step(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    if htmx_partial(request):
        response = render(request, "discovery/wizard.html#wizard", context, status=status)
        if request.method == "GET":
            return push_url(response, request.get_full_path())
        return response
    return render(request, "discovery/wizard.html", context, status=status)


@login_required
@require_POST
def answer_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one question as it changes; answer with its saved/error state and, when the
    change moved them, the follow-ups that appeared or disappeared and the progress."""
    question = BANK.questions.get(request.POST.get("question", ""))
    if question is None:
        selectors.project_get_for_user(request.user, pk)  # a stranger gets 404, not 400
        return HttpResponse("Unknown question.", status=400)
    result = services.answer_autosave(
        project_id=pk, question=question, raw=request.POST, user=signed_in_user(request)
    )
    if not result.found:
        raise Http404
    feedback = feedback_html(
        question,
        base=result.base,
        error=result.error,
        conflict=result.conflict,
        saved=not result.error and result.conflict is None,
        written=result.saved,
    )
    heard = ""
    if question.type in TEXT_TYPES and result.saved:
        # What the new text names, next to it (after the save, never instead of it).
        project_ref = Project(pk=pk)
        stored = result.answers
        if stored is None:
            stored = selectors.answers_for_project(project_ref)
        found = services.suggestions_for(
            project=project_ref, answers=stored, question_ids=[question.id]
        ).get(question.id, [])
        heard = _heard(project_ref, question, found, step=question.step, oob=True)
    if result.answers is None:
        # Nothing but the value changed (or nothing was written): no template to render.
        return HttpResponse(feedback + heard)
    project = selectors.project_get_for_user(request.user, pk)
    answers = result.answers
    before = {**answers, question.id: result.previous}
    visible = BANK.visibility(answers)
    visible_before = BANK.visibility(before)
    step = BANK.step(question.step)
    autosave_url = reverse("discovery:autosave", args=[project.pk])
    changed = [
        _question_row(
            autosave_url, other, answers, {}, visible[other.id], oob=True, bases=result.bases
        )
        for other in step.questions
        if visible[other.id] != visible_before[other.id]
    ]
    nav, overall = _step_nav(project, answers, visible)
    context = {
        "project": project,
        "changed": changed,
        "nav": nav,
        "overall": overall,
        "step": step,
        "feedback": feedback,
    }
    response = render(request, "discovery/wizard.html#autosave-response", context)
    if heard:
        response.content = response.content + heard.encode()
    return response


@login_required
@require_GET
@vary_on_headers("HX-Request")
def wizard_review(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    return _review(request, project)


def _review(request: HttpRequest, project: Project) -> HttpResponse:
    services.project_visit_step(project=project, step_slug="review")
    meta = selectors.answer_meta_for_project(project)
    answers = {qid: answer.value for qid, answer in meta.items()}
    gaps = {q.id for q in BANK.gaps(answers)}
    visible = BANK.visibility(answers)
    sections = []
    for step in BANK.steps:
        items = []
        for question in BANK.visible_questions(step, answers, visible):
            answer = meta.get(question.id)
            value = answers.get(question.id)
            if question.id not in gaps and (value is None or value == "" or value == []):
                continue  # optional and unanswered: not worth a line
            items.append(
                {
                    "q": question,
                    "display": question.display(value),
                    "answer": answer,
                    "gap": question.id in gaps,
                }
            )
        sections.append({"step": step, "items": items, "gaps": sum(1 for i in items if i["gap"])})
    nav, overall = _step_nav(project, answers, visible)
    heard = services.heard_review(project=project, answers=answers)
    for item in heard:
        item.box = _heard(
            project, item.question, item.open, step=item.question.step, request=request
        )
    context = {
        "project": project,
        "sections": sections,
        "heard": heard,
        "undecided": sum(len(item.open) for item in heard),
        "gap_count": len(gaps),
        "nav": nav,
        "overall": overall,
        "review": True,
    }
    template = "discovery/review.html#wizard" if htmx_partial(request) else "discovery/review.html"
    response = render(request, template, context)
    if htmx_partial(request) and request.method == "GET":
        push_url(response, request.get_full_path())
    return response
