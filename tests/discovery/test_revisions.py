"""The revision rule for answers, as a table: what is stored, what the page showed and
posted, and whether the write goes in (discovery.revisions, no database)."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from discovery.revisions import (
    Base,
    Current,
    Decision,
    decide,
    posted_base,
    posted_keeps,
    posted_tab,
    posted_takes,
    value_digest,
)

OLD, NEW, MINE = "A shared inbox", "Zendesk, two tiers", "Email only, one person"


@pytest.mark.parametrize(
    ("current", "value", "base", "tab", "keep", "expected"),
    [
        # Nothing stored yet.
        (None, MINE, Base.of(None, 0), "t1", None, Decision.WRITE),
        (None, None, Base.of(None, 0), "t1", None, Decision.UNCHANGED),
        # The page read the stored revision.
        (Current(OLD, 3, "t2"), MINE, Base.of(OLD, 3), "t1", None, Decision.WRITE),
        (Current(OLD, 3, "t2"), OLD, Base.of(OLD, 3), "t1", None, Decision.UNCHANGED),
        # Another tab wrote since; this page did not change its stale copy: left out.
        (Current(NEW, 4, "t2"), OLD, Base.of(OLD, 3), "t1", None, Decision.SKIP),
        # …and this page changed it too: refused, the person chooses.
        (Current(NEW, 4, "t2"), MINE, Base.of(OLD, 3), "t1", None, Decision.CONFLICT),
        # Someone else created it while this page showed it empty.
        (Current(NEW, 1, "t2"), MINE, Base.of(None, 0), "t1", None, Decision.CONFLICT),
        # Both versions say the same: nothing to choose.
        (Current(MINE, 4, "t2"), MINE, Base.of(OLD, 3), "t1", None, Decision.UNCHANGED),
        # This page's own later save (its autosave raced its Next): not a conflict.
        (Current(NEW, 4, "t1"), MINE, Base.of(OLD, 3), "t1", None, Decision.WRITE),
        # "Keep mine" over the revision the person was shown…
        (Current(NEW, 4, "t2"), MINE, Base.of(OLD, 3), "t1", 4, Decision.WRITE),
        # …but never over one written after that.
        (Current(NEW, 5, "t2"), MINE, Base.of(OLD, 3), "t1", 4, Decision.CONFLICT),
        # A writer that is not a page (demo data, imports) has no base.
        (Current(NEW, 4, "t2"), MINE, None, "", None, Decision.WRITE),
        # An empty tab name never matches an empty stored one.
        (Current(NEW, 4, ""), MINE, Base.of(OLD, 3), "", None, Decision.CONFLICT),
    ],
)
def test_decide(current, value, base, tab, keep, expected):
    assert decide(current, value, base, tab=tab, keep=keep) is expected


def test_autosave_reports_a_stale_copy_instead_of_skipping_it():
    """Autosave fires because the person changed the field: a stale page must learn of
    the newer answer rather than be told "saved"."""
    current = Current(NEW, 4, "t2")
    assert decide(current, OLD, Base.of(OLD, 3), tab="t1") is Decision.SKIP
    assert decide(current, OLD, Base.of(OLD, 3), tab="t1", skip_unchanged=False) is (
        Decision.CONFLICT
    )


def test_a_whole_decimal_has_one_digest():
    assert value_digest(18) == value_digest(18.0)
    assert value_digest([1, 2.0]) == value_digest([1.0, 2])
    assert value_digest("18") != value_digest(18)
    assert value_digest(None) != value_digest("")


def test_bases_round_trip_and_garbage_is_no_base():
    base = Base.of(["email", "chat"], 7)
    raw = QueryDict(mutable=True)
    raw["__rev.context.channels"] = base.encode()
    assert posted_base(raw, "context.channels") == base
    for garbage in ("", "7", "x.y", "99999999999999999999.0123456789abcdef", "7.ABCDEF"):
        raw["__rev.context.channels"] = garbage
        assert posted_base(raw, "context.channels") is None
    assert posted_base({}, "context.channels") is None


def test_tab_keep_and_take_fields():
    raw = QueryDict(mutable=True)
    raw["__tab"] = "AbC-_9"
    raw.setlist("__keep", ["context.process:4", "nonsense", "context.coverage:x"])
    raw.setlist("__take", ["context.team_size", ""])
    assert posted_tab(raw) == "AbC-_9"
    assert posted_keeps(raw) == {"context.process": 4}
    assert posted_takes(raw) == {"context.team_size"}
    raw["__tab"] = "<script>"
    assert posted_tab(raw) == ""
