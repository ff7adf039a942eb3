"""Notifications are paginated: none is dropped after the first hundred."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reviews.models import Notification
from reviews.views import NOTIFICATIONS_PER_PAGE


def test_every_notification_is_on_some_page(consultant, consultant_client, project):
    now = timezone.now()
    total = 2 * NOTIFICATIONS_PER_PAGE + 20
    Notification.objects.bulk_create(
        Notification(
            user=consultant,
            project=project,
            kind="comment",
            text=f"Comment number {n}",
            url="/",
            created_at=now - timedelta(minutes=n),
        )
        for n in range(total)
    )
    url = reverse("reviews:notifications")
    seen: list[str] = []
    page = 1
    while True:
        response = consultant_client.get(url, {"page": page})
        assert response.status_code == 200
        items = list(response.context["page"].object_list)
        assert len(items) <= NOTIFICATIONS_PER_PAGE
        seen += [n.text for n in items]
        if not response.context["page"].has_next():
            break
        assert f'href="?page={page + 1}"'.encode() in response.content
        page += 1
    assert page == 3
    assert seen == [f"Comment number {n}" for n in range(total)]  # newest first, none lost
    last = consultant_client.get(url, {"page": 3}).content.decode()
    assert f"101–{total} of {total}" in last
    # A page past the end shows the last one rather than an error.
    assert consultant_client.get(url, {"page": 99}).context["page"].number == 3
    # Mark all read reaches every page, not only the first.
    consultant_client.post(reverse("reviews:notifications_read"))
    assert not Notification.objects.filter(user=consultant, read_at__isnull=True).exists()
