from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import signed_in_user
from accounts.models import Membership
from accounts.selectors import active_membership, memberships_for_request

from . import services, webhooks
from .forms import TokenCreateForm, WebhookCreateForm
from .models import ApiToken, WebhookDelivery, WebhookSubscription
from .webhooks import EVENT_LABELS

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


# --- Webhooks: the active organization's, changed by its owners only ------------------

NEW_WEBHOOK_KEY = "api.new_webhook"
RECENT_DELIVERIES = 5


def _organization_owner(request: HttpRequest) -> Membership:
    """An owner of the active organization: a consultant gets 403, someone with no
    organization 404."""
    membership = active_membership(request)
    if membership is None:
        raise Http404
    if membership.role != Membership.Role.OWNER:
        raise PermissionDenied("Only an owner of the organization manages its webhooks.")
    return membership


def _subscription_or_404(request: HttpRequest, hook_id: int) -> WebhookSubscription:
    membership = _organization_owner(request)
    subscription = WebhookSubscription.objects.filter(
        pk=hook_id, organization_id=membership.organization_id
    ).first()
    if subscription is None:
        raise Http404
    return subscription


def _webhooks_page(
    request: HttpRequest,
    membership: Membership,
    form: WebhookCreateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organization = membership.organization
    subscriptions = list(WebhookSubscription.objects.filter(organization=organization))
    # The few latest deliveries of every subscription in one query, however many there are.
    recent = (
        WebhookDelivery.objects.filter(subscription__organization=organization)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("subscription_id")],
                order_by=[F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=RECENT_DELIVERIES)
        .defer("payload")
        .order_by("subscription_id", "-created_at", "-pk")
    )
    by_subscription: dict[int, list[WebhookDelivery]] = {}
    for delivery in recent:
        by_subscription.setdefault(delivery.subscription_id, []).append(delivery)
    pending = request.session.pop(NEW_WEBHOOK_KEY, None)
    new = None
    if isinstance(pending, dict) and isinstance(pending.get("id"), int):
        made = next((s for s in subscriptions if s.pk == pending["id"]), None)
        if made is not None:
            new = {"subscription": made, "secret": str(pending.get("secret", ""))}
    rows = [
        {
            "subscription": s,
            "deliveries": by_subscription.get(s.pk, []),
            "events": [EVENT_LABELS.get(e, e) for e in s.events],
        }
        for s in subscriptions
    ]
    context = {
        "organization": organization,
        "form": form or WebhookCreateForm(),
        "rows": rows,
        "new": new,
        "allow_private": settings.WEBHOOKS_ALLOW_PRIVATE,
    }
    return render(request, "api/webhooks.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def webhooks_page(request: HttpRequest) -> HttpResponse:
    """The active organization's webhook subscriptions: added (the secret shown once),
    listed with their latest deliveries, pinged, deactivated, deleted."""
    membership = _organization_owner(request)
    if request.method == "GET":
        return _webhooks_page(request, membership)
    form = WebhookCreateForm(request.POST)
    if not form.is_valid():
        return _webhooks_page(request, membership, form=form, status=400)
    try:
        made = webhooks.subscription_create(
            organization=membership.organization,
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            user=signed_in_user(request),
        )
    except webhooks.WebhookUrlError as exc:
        form.add_error("url", str(exc))
        return _webhooks_page(request, membership, form=form, status=400)
    request.session[NEW_WEBHOOK_KEY] = {"id": made.subscription.pk, "secret": made.secret}
    return redirect("api:webhooks")


@login_required
@require_POST
def webhook_ping(request: HttpRequest, hook_id: int) -> HttpResponse:
    subscription = _subscription_or_404(request, hook_id)
    delivery = webhooks.ping(subscription=subscription)
    messages.success(
        request, f"A test ping (delivery {delivery.pk}) is on its way to {subscription.url}."
    )
    return redirect(f"{reverse('api:webhooks')}#webhook-{subscription.pk}")


@login_required
@require_POST
def webhook_active(request: HttpRequest, hook_id: int) -> HttpResponse:
    subscription = _subscription_or_404(request, hook_id)
    active = request.POST.get("active") == "1"
    webhooks.subscription_set_active(subscription=subscription, active=active)
    messages.success(
        request,
        f"{subscription.url} is {'active again' if active else 'deactivated: it gets no events'}.",
    )
    return redirect(f"{reverse('api:webhooks')}#webhook-{subscription.pk}")


@login_required
@require_POST
def webhook_delete(request: HttpRequest, hook_id: int) -> HttpResponse:
    subscription = _subscription_or_404(request, hook_id)
    url = subscription.url
    webhooks.subscription_delete(subscription=subscription)
    messages.success(request, f"The webhook to {url} is deleted, with its deliveries.")
    return redirect("api:webhooks")
