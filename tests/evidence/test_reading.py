"""The reader on generated exports of the four tools, and malformed files."""

from __future__ import annotations

import io
import json

import pytest

from evidence.formats import PRESETS, detect
from evidence.reading import ExportError, Mapping_, header_of, read_export, summary_data

from .exports import (
    SECRET_REQUESTER,
    SECRET_SUBJECT,
    as_bytes,
    freshdesk_json,
    jsm_csv,
    servicenow_csv,
    tickets,
    zendesk_csv,
)

N = 3000


def _read(data: bytes, tool: str, kind: str = "csv", mapping: dict | None = None):
    header = header_of(io.BytesIO(data), kind)
    columns = mapping if mapping is not None else PRESETS[tool].suggest(header)
    return summary_data(read_export(io.BytesIO(data), Mapping_(columns, tool), kind))


def _expected_channels():
    counts: dict[str, int] = {}
    for t in tickets(N):
        counts[t["channel"]] = counts.get(t["channel"], 0) + 1
    return counts


def test_zendesk_csv_gives_every_figure_per_channel():
    data = as_bytes(zendesk_csv(N))
    assert detect(header_of(io.BytesIO(data), "csv")) == "zendesk"
    summary = _read(data, "zendesk")
    assert summary["tickets"] == N
    assert {k: v["tickets"] for k, v in summary["channels"].items()} == _expected_channels()
    assert summary["period"] == "March–August 2026"
    email = summary["channels"]["email"]
    assert sum(email["months"].values()) == email["tickets"]
    assert len(email["weekly_shares"]) == 336
    assert sum(email["weekly_shares"]) == pytest.approx(1, abs=1e-3)
    # Weekday business hours carry nearly everything.
    monday_to_friday = sum(sum(email["weekly_shares"][d * 48 + 16 : d * 48 + 36]) for d in range(5))
    assert monday_to_friday > 0.85
    assert 60 < email["first_reply_minutes"]["p50"] < 75  # exponential, mean 90: median 62
    assert email["first_reply_minutes"]["p90"] > email["first_reply_minutes"]["p50"]
    assert 0.05 < email["reopen_rate"] < 0.11
    assert email["fcr_proxy"] == pytest.approx(0.92 * 0.55 * 0.75, abs=0.04)  # one touch, one group
    assert 0.8 < email["satisfaction_good"] < 0.92  # 30 good to 5 bad
    assert email["monthly_volume"] == pytest.approx(email["tickets"] / 6, rel=0.05)


def test_nothing_personal_is_kept():
    summary = _read(as_bytes(zendesk_csv(200)), "zendesk")
    stored = json.dumps(summary)
    assert SECRET_SUBJECT not in stored
    assert SECRET_REQUESTER not in stored
    assert "4111" not in stored
    assert "Body" not in stored


def test_freshdesk_api_json_with_stats():
    data = as_bytes(freshdesk_json(N))
    summary = _read(data, "freshdesk", "json")
    assert {k: v["tickets"] for k, v in summary["channels"].items()} == _expected_channels()
    chat = summary["channels"]["chat"]
    assert chat["first_reply_minutes"]["p50"] < 5
    assert chat["reopen_rate"] == pytest.approx(0.08, abs=0.03)
    assert SECRET_SUBJECT not in json.dumps(summary)


def test_jira_service_management_csv_through_the_mapping():
    data = as_bytes(jsm_csv(N))
    header = header_of(io.BytesIO(data), "csv")
    suggested = PRESETS["jsm"].suggest(header)
    assert suggested == {"created": "Created", "channel": "Request Type", "solved_at": "Resolved"}
    assert not PRESETS["jsm"].confirmed  # its CSV headers are not publicly confirmed
    summary = _read(data, "jsm", mapping=suggested)
    assert {k: v["tickets"] for k, v in summary["channels"].items()} == _expected_channels()
    assert summary["channels"]["email"]["resolution_minutes"]["p50"] > 100


def test_servicenow_incident_export():
    data = as_bytes(servicenow_csv(N))
    assert detect(header_of(io.BytesIO(data), "csv")) == "servicenow"
    summary = _read(data, "servicenow")
    assert summary["channels"]["portal"]["tickets"] == _expected_channels()["portal"]
    email = summary["channels"]["email"]
    assert email["fcr_proxy"] == pytest.approx(
        0.92 * 0.75, abs=0.05
    )  # not reopened, never reassigned


def test_a_semicolon_csv_with_a_byte_order_mark():
    text = "\ufeffcreated_at;via\n2026-03-02T09:10:00Z;Mail\n2026-03-03T10:10:00Z;Chat\n"
    summary = _read(text.encode(), "zendesk")
    assert summary["tickets"] == 2
    assert set(summary["channels"]) == {"email", "chat"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "created_at,via\n2026-03-02T09:10:00Z,Mail\nyesterday,Mail\n",
            "Row 3, column “created_at”",
        ),
        ("created_at,via\n2026-03-02T09:10:00Z,Mail,extra\n", "Row 2: Expected 2 columns, found 3"),
        ("created_at,via,reopens\n2026-03-02T09:10:00Z,Mail,-1\n", "Row 2, column “reopens”"),
        ("created_at,via\n,Mail\n", "Row 2, column “created_at”: The creation time is empty"),
        (
            "created_at,via,solved_at\n2026-03-02T09:10:00Z,Mail,2026-03-01T09:10:00Z\n",
            "before the ticket was created",
        ),
        ("created_at,via\n", "The file has no tickets"),
        ("", "The file is empty"),
    ],
)
def test_malformed_files_are_refused_with_the_place_at_fault(text, message):
    with pytest.raises(ExportError, match=message):
        _read(text.encode(), "zendesk")


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ExportError, match="not UTF-8"):
        _read("created_at,via\n2026-03-02T09:10:00Z,Mañana\n".encode("latin-1"), "zendesk")


def test_broken_json_is_refused_with_its_ticket_number():
    data = b'[{"created_at": "2026-03-02T09:10:00Z", "source": 1}, {"created_at": '
    with pytest.raises(ExportError, match="Row 2"):
        _read(data, "freshdesk", "json", mapping={"created": "created_at"})


def test_a_mapping_to_a_missing_column_is_refused():
    with pytest.raises(ExportError, match="no column “Opened”"):
        _read(b"created_at\n2026-03-02T09:10:00Z\n", "csv", mapping={"created": "Opened"})
