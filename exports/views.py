"""Download a project as JSON or its requirements as a Jira CSV; import a project."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import download_filename, signed_in_user
from accounts.selectors import active_organization
from discovery.models import Project
from discovery.selectors import project_get_for_user

from .document import project_export_stream
from .forms import ImportForm
from .importer import project_import
from .jira import requirements_jira_csv


def _filename(project: Project, suffix: str, extension: str) -> str:
    return download_filename(
        project.client_name, project.name, suffix, extension=extension, fallback=f"project-{suffix}"
    )


def _attachment(body: str, content_type: str, filename: str) -> HttpResponse:
    return _download_headers(
        HttpResponse(body.encode("utf-8"), content_type=content_type), filename
    )


def _download_headers[R: HttpResponseBase](response: R, filename: str) -> R:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def project_json(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The export streams: its rows are read, written and signed a few at a time."""
    project = project_get_for_user(request.user, pk)
    response = StreamingHttpResponse(
        project_export_stream(project), content_type="application/json; charset=utf-8"
    )
    return _download_headers(response, _filename(project, "export", "json"))


@login_required
@require_GET
def requirements_jira(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    return _attachment(
        requirements_jira_csv(project),
        "text/csv; charset=utf-8",
        _filename(project, "requirements-jira", "csv"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_import_view(request: HttpRequest) -> HttpResponse:
    organization, _ = active_organization(request)
    if organization is None:
        raise Http404
    # Bound on every POST: an empty one must say that the file is missing.
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        try:
            project = project_import(
                form.cleaned_data["file"], organization=organization, user=signed_in_user(request)
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, f"Imported “{project.name}” into {organization.name}.")
            demoted = project.import_record.source.get("approvals_not_verified", 0)
            if demoted:
                text = (
                    "The file came from another installation or from before exports were "
                    "signed: its {count} approvals are kept as “imported, not verified here” "
                    "and do not count. Ask the client to approve here."
                    if demoted > 1
                    else "The file came from another installation or from before exports were "
                    "signed: its approval is kept as “imported, not verified here” and does "
                    "not count. Ask the client to approve here."
                )
                messages.warning(request, text.format(count=demoted))
            return redirect("discovery:project_detail", pk=project.pk)
    return render(request, "exports/import.html", {"form": form, "organization": organization})
