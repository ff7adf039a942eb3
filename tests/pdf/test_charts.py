from __future__ import annotations

from frameworks.pdf import charts

SECTIONS = [
    {"key": "tools", "elements": [
        {"kind": "platform", "title": "1. <script>x</script>", "data": {"name": "<b>Evil</b> & Co", "licence": {"yearly": 960}}},
        {"kind": "platform", "title": "2. Quote", "data": {"name": "Quote desk", "licence": {"by_quote": True}}},
    ]},
    {"key": "staffing", "elements": [
        {"kind": "staffing_channel", "title": "Email: 1.6 FTE", "data": {"channel": "email", "fte": 1.55, "headcount": 2}},
    ]},
    {"key": "metrics", "elements": [
        {"kind": "kpi", "title": "CSAT <img src=x>", "data": {"unit": "%", "baseline": 78, "targets": [
            {"month": 3, "value": 81}, {"month": 12, "value": 90}, {"month": 24, "value": 90}]}},
        {"kind": "kpi", "title": "Flat", "data": {"unit": "h", "baseline": None, "targets": [{"month": 3, "value": 2}]}},
    ]},
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
