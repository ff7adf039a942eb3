from __future__ import annotations

import re
from typing import Any

import pytest

from deliverables import charts

SECTIONS: list[dict[str, Any]] = [
    {
        "key": "tools",
        "elements": [
            {
                "kind": "platform",
                "title": "1. <script>x</script>",
                "data": {"name": "<b>Evil</b> & Co", "licence": {"yearly": 960}},
            },
            {
                "kind": "platform",
                "title": "2. Quote",
                "data": {"name": "Quote desk", "licence": {"by_quote": True}},
            },
        ],
    },
    {
        "key": "business_case",
        "elements": [
            {
                "kind": "business_case_today",
                "data": {"years": [{"today_cost": 100_000}, {"today_cost": 120_000}]},
            },
            {
                "kind": "business_case_option",
                "data": {
                    "name": "Acme <b>Desk</b>",
                    "low": {"total": 210_000, "savings": [20_000, 30_000, 30_000]},
                    "expected": {"total": 200_000, "savings": [40_000, 40_000, 50_000]},
                    "high": {"total": 190_000, "savings": [50_000, 60_000, 70_000]},
                },
            },
            {
                # People not priced: no saving, nothing to draw for this one.
                "kind": "business_case_option",
                "data": {
                    "name": "Unpriced Desk",
                    "low": {"total": 9_000, "savings": None},
                    "expected": {"total": 9_000, "savings": None},
                    "high": {"total": 9_000, "savings": None},
                },
            },
            {"kind": "business_case_savings", "data": {"haircut": 0.2}},
        ],
    },
    {
        "key": "staffing",
        "elements": [
            {
                "kind": "staffing_channel",
                "title": "Email: 1.6 FTE",
                "data": {"channel": "email", "fte": 1.55, "headcount": 2},
            },
        ],
    },
    {
        "key": "metrics",
        "elements": [
            {
                "kind": "kpi",
                "title": "CSAT <img src=x>",
                "data": {
                    "unit": "%",
                    "baseline": 78,
                    "targets": [
                        {"month": 3, "value": 81},
                        {"month": 12, "value": 90},
                        {"month": 24, "value": 90},
                    ],
                },
            },
            {
                "kind": "kpi",
                "title": "Flat",
                "data": {"unit": "h", "baseline": None, "targets": [{"month": 3, "value": 2}]},
            },
        ],
    },
]


def test_charts_escape_labels_and_draw_each_series() -> None:
    licence = charts.licence_chart(SECTIONS, brand="#123456")
    assert "<b>" not in licence
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in licence
    assert "$960 a year" in licence
    assert "by quote" in licence
    staffing = charts.staffing_chart(SECTIONS)
    assert "2 agents (1.6 FTE)" in staffing
    kpi = charts.kpi_chart(SECTIONS)
    assert "<img" not in kpi
    assert "CSAT &lt;img src=x&gt;" in kpi
    assert kpi.count("<polyline") == 2
    for svg in (licence, staffing, kpi):
        assert svg.startswith("<svg")
        assert "href" not in svg


def test_the_savings_range_spans_low_to_high_with_the_expected_case_marked() -> None:
    chart = charts.CHARTS["business_case"](SECTIONS, "#123456")
    assert chart is not None
    # Summed over the three years: low 80,000, expected 130,000, high 180,000.
    assert chart.rows == (("Acme <b>Desk</b>", "$130,000 ($80,000 to $180,000)"),)
    assert "Unpriced Desk" not in chart.summary
    assert "20% risk haircut" in chart.caption
    svg = chart.wide
    assert "&lt;b&gt;" in svg
    assert "<b>" not in svg
    bars = re.findall(r"<rect x='([\d.]+)' y='[\d.]+' width='([\d.]+)'", svg)
    (span_x, span_w), (mark_x, _mark_w) = bars
    # The mark sits inside the span, at the expected case's share of it.
    share = (float(mark_x) + 1.5 - float(span_x)) / float(span_w)
    assert share == pytest.approx((130_000 - 80_000) / (180_000 - 80_000), abs=0.01)


def test_no_savings_chart_when_people_are_not_priced() -> None:
    unpriced = [
        {
            "key": "business_case",
            "elements": [e for e in SECTIONS[1]["elements"] if e["kind"] != "business_case_option"]
            + [SECTIONS[1]["elements"][2]],
        }
    ]
    assert charts.CHARTS["business_case"](unpriced, "#123456") is None
    assert charts.savings_chart(unpriced) == ""


def test_charts_are_empty_without_data() -> None:
    assert charts.kpi_chart([]) == charts.staffing_chart([]) == charts.licence_chart([]) == ""


def test_kpi_axes_start_at_zero_and_end_on_a_round_number() -> None:
    import re

    kpi = charts.kpi_chart(SECTIONS)
    axis = re.findall(r"text-anchor='end' font-size='9' fill='#666'[^>]*>([^<]+)<", kpi)
    # CSAT tops out at 90%: the axis runs 0–100 (a percentage never goes above 100);
    # the flat 2 h target gets 0–2.5.
    assert axis == ["100", "50", "0", "2.5", "1.25", "0"]


def test_nice_ceiling() -> None:
    values = (0, 0.7, 1, 1.1, 2.3, 4, 18 * 1.15, 93, 230)
    assert [charts._nice_ceiling(v) for v in values] == [1, 1, 1, 2, 2.5, 5, 25, 100, 250]


PLAN = [
    {
        "key": "staffing",
        "elements": [
            {
                "kind": "staffing_channel",
                "title": "Live chat: 2.0 FTE",
                "data": {
                    "channel": "chat",
                    "fte": 2,
                    "headcount": 2,
                },
            },
            {
                "kind": "staffing_channel",
                "title": "Phone <x>: 3 FTE",
                "data": {
                    "channel": "phone",
                    "fte": 3,
                    "headcount": 3,
                },
            },
            {
                "kind": "staffing_schedule",
                "title": "Required and scheduled agents on Monday",
                "data": {
                    "day": "Monday <script>",
                    "activity": 0.18,
                    "curve_measured": False,
                    "rows": [
                        {"time": "09:00", "needed": 2, "scheduled": 3},
                        {"time": "09:30", "needed": 4, "scheduled": 4},
                        {"time": "<b>", "needed": 1, "scheduled": 2},
                    ],
                },
            },
        ],
    },
    {
        "key": "action_plan",
        "elements": [
            {
                "kind": "phase",
                "title": "Foundation (weeks 1–4)",
                "data": {"start_week": 1, "end_week": 4},
            },
            {"kind": "phase", "title": "Build <b>", "data": {"start_week": 5, "end_week": 13}},
            {"kind": "phase", "title": "Optimize", "data": {"start_week": 27, "end_month": 24}},
            {"kind": "milestone", "title": "Month 3", "data": {"month": 3}},
            {"kind": "milestone", "title": "Month 12", "data": {"month": 12}},
        ],
    },
]


def test_the_busiest_day_draws_needed_and_scheduled_and_escapes() -> None:
    chart = charts.CHARTS["staffing_day"](PLAN, "#123456")
    assert chart is not None
    assert "<script>" not in chart.wide
    assert "<b>" not in chart.wide
    assert "Monday &lt;script&gt;" in chart.wide
    assert chart.wide.count("<rect") >= 3  # one bar per half hour, and the legend
    assert "<polyline" in chart.wide
    assert "<polyline" in chart.narrow
    assert chart.rows == (("09:00", "2", "3"), ("09:30", "4", "4"), ("<b>", "1", "2"))
    assert chart.summary.startswith("Agents on shift through Monday <script>, the busiest day")
    assert "needed from 1 to 4 (most at 09:30)" in chart.summary
    assert "sector profile" in chart.caption
    assert charts.CHARTS["staffing_day"]([], "#123456") is None


def test_the_action_plan_on_a_time_axis() -> None:
    svg = charts.timeline_chart(PLAN)
    assert "Build &lt;b&gt;" in svg
    assert "<b>" not in svg
    assert ">M24<" in svg  # the axis runs to the end of the plan, in months
    assert svg.count("<path") == 2  # one diamond per milestone
    chart = charts.CHARTS["timeline"](PLAN, "#123456")
    assert chart is not None
    assert chart.summary.startswith("The plan over time: Foundation from week 1 to week 4")
    assert ("Month 12", "12") in chart.rows


@pytest.mark.parametrize("key", sorted(charts.CHARTS))
def test_every_chart_reads_on_a_phone_and_has_a_text_alternative(key) -> None:
    drawn = charts.charts_for([key], [*PLAN, *SECTIONS])
    assert len(drawn) == 1
    chart = drawn[0]
    assert chart.summary.endswith(".")
    assert len(chart.summary) > 20
    assert chart.rows
    assert all(len(row) == len(chart.head) for row in chart.rows)
    narrow = re.search(r"viewBox='0 0 (\d+) ", chart.narrow)
    assert narrow
    width = int(narrow.group(1))
    sizes = [float(s) for s in re.findall(r"font-size='([\d.]+)'", chart.narrow)]
    # Drawn at 360 units for a 390 px screen (less its margins): the smallest text is
    # at least 11 px there.
    assert width <= 360
    assert min(sizes) * 358 / width >= 11, (key, min(sizes))


def test_no_chart_without_its_data() -> None:
    assert charts.charts_for(sorted(charts.CHARTS), []) == []


def test_a_long_name_and_a_range_in_words_stay_whole_inside_the_chart():
    """A shortlisted platform's full name and a range marked unverified are never cut,
    nor drawn past the chart's edge, wide or narrow."""
    from deliverables.charts import NARROW, WIDE, bar_chart

    rows = [
        ("Zoho Desk", 13920.0, "$2,436–$13,920 a year (unverified)"),
        ("ServiceNow Customer Service Management", 0.0, "by quote"),
    ]
    wide = bar_chart(rows, title="Licences", width=WIDE)
    assert "ServiceNow Customer Service Management<" in wide
    assert "…" not in wide
    for width, size in ((WIDE, 11), (NARROW, 12)):
        svg = bar_chart(rows, title="Licences", width=width)
        texts = re.findall(r"<text x='([\d.]+)'[^>]*>([^<]*)</text>", svg)
        values = [(float(x), text) for x, text in texts if text.startswith("$")]
        assert values
        for x, text in values:
            # About 0.56 em a character of DejaVu Sans at the chart's size.
            assert x + len(text) * size * 0.56 <= width, (width, x, text)
