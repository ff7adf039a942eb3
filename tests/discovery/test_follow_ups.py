"""Every contextual follow-up of the bank: shown on its trigger, hidden without it. The
table is data (follow_ups.yaml); the per-channel and per-KPI families are built here from
the bank's own lists, so a new channel or KPI is covered the day it is added."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from discovery.bank import BANK, CHANNELS, KPIS
from discovery.bank.data import HANDLE_TIME_QUESTIONS, LIVE_KPIS, MIX_KPIS

TABLE = yaml.safe_load((Path(__file__).parent / "follow_ups.yaml").read_text(encoding="utf-8"))


def _families() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    channels = [value for value, _label in CHANNELS]
    for channel in channels:
        others = {"context.channels": [c for c in channels if c != channel]}
        mine = {"context.channels": [channel]}
        for qid in (f"context.volume_{channel}", HANDLE_TIME_QUESTIONS[channel]):
            rows.append({"question": qid, "shown": mine, "hidden": others})
    for channel in ("phone", "chat"):
        for part in ("sl_target", "sl_seconds", "asa_target", "abandon_target", "patience"):
            rows.append(
                {
                    "question": f"context.{channel}_{part}",
                    "shown": {"context.channels": [channel, "email"]},
                    "hidden": {"context.channels": ["email", "portal"]},
                }
            )
    kpis = [kpi for kpi, _label, _unit in KPIS]
    for kpi in kpis:
        parts: tuple[str, ...]
        if kpi in MIX_KPIS:
            parts = ("mix", "horizon")
        elif kpi in LIVE_KPIS:
            parts = ("baseline", "horizon")
        else:
            parts = ("baseline", "target", "horizon")
        for part in parts:
            rows.append(
                {
                    "question": f"metrics.{kpi}.{part}",
                    "shown": {"metrics.kpis": [kpi]},
                    "hidden": {"metrics.kpis": [k for k in kpis if k != kpi]},
                }
            )
    return rows


ROWS = TABLE + _families()


def test_every_follow_up_of_the_bank_is_in_the_table():
    follow_ups = {q.id for q in BANK.questions.values() if q.is_follow_up}
    tabled = {row["question"] for row in ROWS}
    assert follow_ups - tabled == set(), "add these follow-ups to follow_ups.yaml"
    assert tabled - follow_ups == set(), "these are not follow-ups (any more)"
    assert len(follow_ups) >= 40


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["question"])
def test_follow_up_is_shown_on_its_trigger_and_hidden_without(row):
    question = BANK.questions[row["question"]]
    assert BANK.is_visible(question, row["shown"]), row["shown"]
    assert not BANK.is_visible(question, row["hidden"]), row["hidden"]
    assert not BANK.is_visible(question, {}), "a follow-up shows only on its trigger"
