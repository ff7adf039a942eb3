"""Numbers a client sends are bounded before they reach the database (issue 14, item 7):
an id or version number no column can hold is a 404 or a form error, never a 500 from an
OverflowError in the driver. Every route, with every integer of its path replaced by an
absurd one and the query and form fields that carry ids set to absurd values, as the
project's own consultant (who gets past every permission check)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.http import ID_MAX, INT_MAX, bounded_int
from tests.test_access import KWARG_BUILDERS, _review, app_routes, world  # noqa: F401

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
# Every query-string and form field of the app that carries a number.
NUMBER_FIELDS = ("from", "to", "page", "parent", "version", "back", "organization", "job")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", 7),
        (" 7 ", 7),
        ("0", None),
        ("-1", None),
        ("+7", None),
        ("7.0", None),
        ("٣", None),  # a digit, but not an ASCII one
        ("", None),
        (None, None),
        (str(INT_MAX), INT_MAX),
        (str(INT_MAX + 1), None),
        (HUGE, None),
        ("1" * 10_000, None),
    ],
)
def test_bounded_int(raw, expected):
    assert bounded_int(raw) == expected


def test_ids_may_be_as_large_as_a_bigint():
    assert bounded_int(str(ID_MAX), maximum=ID_MAX) == ID_MAX
    assert bounded_int(str(ID_MAX + 1), maximum=ID_MAX) is None


def _absurd_url(route, ctx: dict[str, Any]) -> str:
    kwargs = {}
    for name in route.kwargs:
        value = KWARG_BUILDERS[name](ctx)
        kwargs[name] = HUGE if isinstance(value, int) else value
    return reverse(route.name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(app_routes()))
def test_no_route_fails_on_an_absurd_number(name, world):  # noqa: F811
    _review(world)
    client = Client()
    client.force_login(world["consultant"])
    fields = dict.fromkeys(NUMBER_FIELDS, HUGE)
    route = app_routes()[name]
    for url in {_absurd_url(route, world), reverse(route.name, kwargs=_real(route, world))}:
        for send in (client.get, client.post):
            response = send(url, fields)
            assert response.status_code < 500, (name, send.__name__, url)


def _real(route, ctx):
    return {name: KWARG_BUILDERS[name](ctx) for name in route.kwargs}


def test_the_diffs_answer_404_to_an_absurd_version(world):  # noqa: F811
    review = _review(world)
    client = Client()
    client.force_login(world["consultant"])
    diff = reverse("reviews:diff", args=[world["project"].pk])
    client_diff = reverse("reviews:client_diff", args=[review["token"]])
    for url in (diff, client_diff):
        for query in ({"from": HUGE}, {"to": HUGE}, {"from": "1", "to": HUGE}, {"from": "x"}):
            assert client.get(url, query).status_code == 404, (url, query)
