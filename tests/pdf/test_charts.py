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


MATRIX = [
    {"key": "tools", "elements": [{"kind": "scoring_matrix", "data": {
        "criteria": [
            {"key": "budget", "label": "budget fit", "weight": 0.2},
            {"key": "integrations", "label": "integrations", "weight": 0.8},
        ],
        "rows": [
            {"name": "<b>Desk</b> & Co", "total": 91.25, "shortlisted": True,
             "scores": {"budget": 1.0, "integrations": 0.89}},
            {"name": "A platform with a very long product name indeed", "total": 40,
             "excluded": True, "scores": {"budget": 0.2, "integrations": None}},
        ],
    }}]},
]


def test_the_scoring_matrix_grid_escapes_marks_and_shades() -> None:
    import re

    svg = charts.scoring_chart(MATRIX, brand="#1f4e79")
    assert svg.startswith("<svg")
    assert "<b>" not in svg
    assert "&lt;b&gt;Desk&lt;/b&gt; &amp; Co ✓" in svg  # shortlisted: marked and bold
    assert "A platform with a very lon… (excluded)" in svg
    assert "80%" in svg
    assert "91.2" in svg
    cells = re.findall(r">(\d\.\d\d|—)</text>", svg)
    assert cells == ["1.00", "0.89", "0.20", "—"]
    # Higher scores are shaded darker; an excluded platform's cells are not shaded.
    fills = re.findall(r"height='15' fill='(#[0-9a-f]{6})'", svg)
    assert len(fills) == 2
    assert fills[0] < fills[1]  # 1.00 is darker than 0.89: smaller hex, less white
    assert "aria-label='Weighted scoring matrix: &lt;b&gt;Desk&lt;/b&gt; &amp; Co 91.2" in svg
    assert charts.scoring_chart([]) == ""


def test_header_words_wider_than_a_column_are_hyphenated_near_the_middle() -> None:
    assert charts._wrap("Existing tools", 9) == ["Existing", "tools"]
    assert charts._wrap("integrations", 9) == ["integra-", "tions"]
    assert charts._wrap("Required capabilities", 9) == ["Required", "capabil-", "ities"]
    assert charts._wrap("", 9) == [""]
