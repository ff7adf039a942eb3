from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.http import signed_in_user
from discovery.selectors import project_get_for_user

from . import services


@login_required
@require_POST
def framework_generate(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    result = services.framework_generate(project=project, user=signed_in_user(request))
    if result.created:
        messages.success(request, f"Framework generated (generation {result.generation.number}).")
    else:
        messages.info(request, "Nothing changed since the last generation.")
    return redirect("deliverables:framework", pk=project.pk)


@login_required
@require_POST
def section_note(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    if section not in services.SECTION_KEYS:
        raise Http404
    note = request.POST.get("note", "")
    intro = request.POST.get("intro_override", "")
    if len(note) > 5000 or len(intro) > 5000:
        error = "Keep notes under 5,000 characters; nothing was saved."
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(
                f'<p class="text-danger small" role="alert">{error}</p>', status=200
            )
        messages.error(request, error)
        return redirect(reverse("deliverables:framework", args=[project.pk]) + f"#sec-{section}")
    services.section_note_save(
        project=project,
        section=section,
        note=note,
        intro_override=intro,
        user=signed_in_user(request),
    )
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse('<span class="saved small" role="status">✓ Saved</span>')
    messages.success(request, "Section note saved.")
    return redirect(reverse("deliverables:framework", args=[project.pk]) + f"#sec-{section}")
