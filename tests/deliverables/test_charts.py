from __future__ import annotations

from deliverables import charts

SECTIONS = [
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


def test_charts_are_empty_without_data() -> None:
    assert charts.kpi_chart([]) == charts.staffing_chart([]) == charts.licence_chart([]) == ""


def test_kpi_axes_start_at_zero_and_end_on_a_round_number() -> None:
    import re

    kpi = charts.kpi_chart(SECTIONS)
    axis = re.findall(r"text-anchor='end' font-size='9' fill='#777'[^>]*>([^<]+)<", kpi)
    # CSAT tops out at 90%: the axis runs 0–100 (a percentage never goes above 100);
    # the flat 2 h target gets 0–2.5.
    assert axis == ["100", "50", "0", "2.5", "1.25", "0"]


def test_nice_ceiling() -> None:
    values = (0, 0.7, 1, 1.1, 2.3, 4, 18 * 1.15, 93, 230)
    assert [charts._nice_ceiling(v) for v in values] == [1, 1, 1, 2, 2.5, 5, 25, 100, 250]
