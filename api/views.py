from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import signed_in_user
from accounts.selectors import active_membership, memberships_for_request

from . import services
from .forms import TokenCreateForm
from .models import ApiToken

NEW_TOKEN_KEY = "api.new_token"  # noqa: S105  (a session key's name, not a secret)


def _page(
    request: HttpRequest, form: TokenCreateForm | None = None, status: int = 200
) -> HttpResponse:
    organizations = [m.organization for m in memberships_for_request(request)]
    active = active_membership(request)
    if form is None:
        form = TokenCreateForm(
            organizations=organizations,
            initial={"organization": active.organization_id} if active else None,
        )
    pending = request.session.pop(NEW_TOKEN_KEY, None)
    new = None
    if isinstance(pending, dict) and isinstance(pending.get("id"), int):
        token = ApiToken.objects.filter(pk=pending["id"], user=signed_in_user(request)).first()
        if token is not None:
            new = {"token": token, "plaintext": str(pending.get("plaintext", ""))}
    tokens = list(
        ApiToken.objects.filter(user=signed_in_user(request)).select_related("organization")
    )
    context = {
        "form": form,
        "tokens": tokens,
        "new": new,
        "organizations": organizations,
        # The column says something only when tokens can differ in it.
        "show_organization": len(organizations) > 1
        or any(t.organization_id not in {o.pk for o in organizations} for t in tokens),
        "api_root": request.build_absolute_uri("/api/v1/"),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own personal access tokens: made here, shown once, revoked here."""
    if request.method == "GET":
        return _page(request)
    organizations = [m.organization for m in memberships_for_request(request)]
    if not organizations:
        raise Http404
    form = TokenCreateForm(request.POST, organizations=organizations)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        made = services.token_create(
            user=signed_in_user(request),
            organization=form.cleaned_data["organization"],
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
        )
    except services.TokenError as exc:
        form.add_error(None, str(exc))
        return _page(request, form=form, status=400)
    # Post/redirect/get: the secret waits in the session for the one page view that shows
    # it; a reload shows it no more, and the database holds only its hash.
    request.session[NEW_TOKEN_KEY] = {"id": made.token.pk, "plaintext": made.plaintext}
    return redirect("api:tokens")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=signed_in_user(request)).first()
    if token is None:
        raise Http404
    services.token_revoke(token=token)
    messages.success(request, f"“{token.name}” is revoked: requests with it now get 401.")
    return redirect("api:tokens")
