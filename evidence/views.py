from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import htmx_partial, signed_in_user
from discovery.selectors import answers_for_project, project_get_for_user

from . import selectors, services
from .formats import PRESETS
from .forms import CHANNEL_LABELS, MappingForm, UploadForm
from .models import TicketImport
from .reading import ExportError, source_text


def _import(project: Any, import_id: int) -> TicketImport:
    job = TicketImport.objects.filter(project=project, pk=import_id).first()
    if job is None:
        raise Http404
    return job


def _rows(job: TicketImport, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Measured figures beside the typed estimates, per channel."""
    out = []
    for channel, figures in (job.summary.get("channels") or {}).items():
        typed = answers.get(f"context.volume_{channel}")
        out.append(
            {
                "channel": channel,
                "label": CHANNEL_LABELS.get(channel, channel),
                "figures": figures,
                "typed_volume": typed,
                "asked": channel in (answers.get("context.channels") or []),
                "use": (job.use or {}).get(channel, {}),
            }
        )
    return out


@login_required
@require_http_methods(["GET", "POST"])
def evidence_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_upload(
                project=project,
                user=signed_in_user(request),
                upload=form.cleaned_data["file"],
                tool=form.cleaned_data["tool"],
            )
        except ExportError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("evidence:mapping", pk=project.pk, import_id=job.pk)
    answers = answers_for_project(project)
    imports = selectors.imports_for_project(project)
    just_read = request.GET.get("read", "")
    just_read_id = int(just_read) if just_read.isdigit() and len(just_read) < 19 else None
    ready = [
        {"job": j, "rows": _rows(j, answers), "source": source_text(j.summary)}
        for j in imports
        if j.state == TicketImport.State.READY
    ]
    return render(
        request,
        "evidence/evidence.html",
        {
            "project": project,
            "form": form,
            "imports": imports,
            "just_read": just_read_id,
            "ready": ready,
            "max_mb": services.MAX_UPLOAD_BYTES // (1024 * 1024),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: HttpRequest, pk: int, import_id: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    job = _import(project, import_id)
    if job.state != TicketImport.State.MAPPING:
        return redirect("evidence:page", pk=project.pk)
    initial = {f"map_{k}": v for k, v in job.mapping.items()}
    initial["default_channel"] = job.default_channel
    form = MappingForm(request.POST or None, header=job.header, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_map(
                ticket_import=job,
                mapping=form.mapping(),
                default_channel=form.cleaned_data["default_channel"],
            )
        except ExportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The export is being read: its status is below.")
            # The page shows this import's status even when it is read before the page
            # loads (a fast worker), so the consultant sees it end, not only a table appear.
            return redirect(f"{reverse('evidence:page', args=[project.pk])}?read={job.pk}")
    preset = PRESETS.get(job.tool)
    return render(
        request,
        "evidence/mapping.html",
        {"project": project, "job": job, "form": form, "preset": preset},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def status(request: HttpRequest, pk: int, import_id: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    job = _import(project, import_id)
    template = "evidence/_status.html" if htmx_partial(request) else "evidence/status.html"
    return render(request, template, {"project": project, "job": job})


@login_required
@require_POST
def use(request: HttpRequest, pk: int, import_id: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    job = _import(project, import_id)
    if job.state != TicketImport.State.READY:
        raise Http404
    choices = {
        channel: {
            "use_volume": request.POST.get(f"volume_{channel}") == "on",
            "use_curve": request.POST.get(f"curve_{channel}") == "on",
        }
        for channel in (job.summary.get("channels") or {})
    }
    services.import_use(ticket_import=job, choices=choices)
    messages.success(
        request, "Saved. Generate the framework again for the staffing plan to use them."
    )
    return redirect("evidence:page", pk=project.pk)
