import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from sudsud.programmes.charts import (
    Bar,
    GanttRow,
    Group,
    Point,
    bar_chart,
    gantt_chart,
    grouped_bar_chart,
    series_chart,
)
from sudsud.programmes.charts.panels import dashboard_charts
from sudsud.programmes.selectors.dashboards import DashboardFigures, Lateness, Tally

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own markup


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def _bars(root: ET.Element, fill: str = "#0072b2") -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("fill") == fill]


def test_bar_chart_is_accessible_well_formed_svg():
    root = _parse(
        bar_chart(uid="c", title="By status", desc="Two", bars=[Bar("Closed", 3)])
    )
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-t c-d"
    assert root.find(f"{SVG}title").text == "By status"
    assert root.find(f"{SVG}desc").text == "Two"


def test_bar_chart_bars_are_proportional_and_labelled():
    bars = [Bar("Pipeline", 10), Bar("Implementation", 40), Bar("Closed", 20)]
    root = _parse(bar_chart(uid="c", title="t", desc="d", bars=bars))
    widths = [float(r.get("width")) for r in _bars(root)]
    assert widths[1] == pytest.approx(4 * widths[0])
    assert widths[2] == pytest.approx(2 * widths[0])
    texts = _texts(root)
    assert {"Pipeline", "Implementation", "Closed", "10", "40", "20"} <= set(texts)


def test_bar_chart_escapes_labels():
    svg = bar_chart(uid="c", title="<b>", desc="&", bars=[Bar("<script>", 1)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<script>" in _texts(_parse(svg))


def test_bar_chart_mirrors_in_right_to_left_pages():
    ltr = _parse(bar_chart(uid="c", title="t", desc="d", bars=[Bar("a", 5)]))
    rtl = _parse(bar_chart(uid="c", title="t", desc="d", bars=[Bar("a", 5)], rtl=True))
    assert rtl.get("direction") == "rtl"
    bar_ltr, bar_rtl = _bars(ltr)[0], _bars(rtl)[0]
    width = float(bar_ltr.get("width"))
    assert float(bar_rtl.get("x")) == pytest.approx(
        640 - float(bar_ltr.get("x")) - width
    )


def test_bar_chart_of_zeros_draws_no_bar_and_does_not_crash():
    root = _parse(bar_chart(uid="c", title="t", desc="d", bars=[Bar("a", 0)]))
    assert float(_bars(root)[0].get("width")) == 0


def test_grouped_bar_chart_uses_patterns_and_a_legend():
    groups = [
        Group("EUTF", (Decimal(300), Decimal(150), Decimal(100))),
        Group("BMZ", (Decimal(600), Decimal(0), Decimal(0))),
    ]
    series = ["Planned", "Committed", "Spent"]
    svg = grouped_bar_chart(uid="g", title="t", desc="d", series=series, groups=groups)
    root = _parse(svg)
    assert len(root.findall(f".//{SVG}pattern")) == 2  # series 2 and 3
    assert set(series) | {"EUTF", "BMZ"} <= set(_texts(root))
    planned = [r for r in _bars(root) if r.get("height") == "10"]
    assert float(planned[1].get("width")) == pytest.approx(
        2 * float(planned[0].get("width"))
    )
    assert len(svg) < 4000


def test_series_chart_breaks_lines_at_missing_values():
    points = [
        Point("2024", Decimal(100), Decimal(80)),
        Point("2025", Decimal(100), None),
        Point("2026", Decimal(120), Decimal(130)),
    ]
    root = _parse(
        series_chart(
            uid="s", title="t", desc="d", names=("Target", "Actual"), points=points
        )
    )
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 1  # the target; the actual has no two points in a row
    assert lines[0].get("stroke-dasharray") == "6 4"
    assert len(root.findall(f"{SVG}circle")) == 1 + 2  # legend + two actuals
    assert {"2024", "2025", "2026", "Target", "Actual", "80", "130"} <= set(
        _texts(root)
    )


def test_series_chart_places_higher_values_higher():
    points = [Point("a", None, Decimal(10)), Point("b", None, Decimal(40))]
    root = _parse(
        series_chart(uid="s", title="t", desc="d", names=("T", "A"), points=points)
    )
    ys = [float(c.get("cy")) for c in root.findall(f"{SVG}circle")][1:]
    assert ys[1] < ys[0]


def test_gantt_chart_marks_late_rows_in_words_and_draws_today(english):
    day = datetime.date
    rows = [
        GanttRow(
            "A1", (day(2024, 1, 1), day(2024, 6, 30)), (day(2024, 2, 1), None), True
        ),
        GanttRow("A2", (day(2025, 1, 1), day(2026, 1, 1)), (None, None), False),
    ]
    root = _parse(
        gantt_chart(uid="g", title="t", desc="d", rows=rows, today=day(2025, 3, 1))
    )
    texts = _texts(root)
    assert "A1 (late)" in texts
    assert "A2" in texts
    assert "Today" in texts
    assert "2024" in texts
    assert "2026" in texts


def test_dashboard_charts_give_an_empty_state_without_data():
    charts = dashboard_charts(DashboardFigures(lateness=Lateness(0, 0, 0, 0)))
    assert len(charts) == 7
    assert all(chart.empty for chart in charts)
    assert all(chart.svg == "" and chart.empty_text for chart in charts)


def test_dashboard_charts_tables_match_the_figures():
    figures = DashboardFigures(
        lateness=Lateness(4, 0, 0, 0),
        by_status=[Tally("1", "Pipeline", 1), Tally("2", "Implementation", 3)],
    )
    status = dashboard_charts(figures)[0]
    assert status.rows == [
        ["Pipeline", 1, Decimal("25.0")],
        ["Implementation", 3, Decimal("75.0")],
    ]
    _parse(status.svg)


def test_dashboard_charts_render_in_arabic():
    figures = DashboardFigures(
        lateness=Lateness(1, 0, 0, 0), by_status=[Tally("2", "x", 1)]
    )
    with translation.override("ar"):
        status = dashboard_charts(figures)[0]
    assert _parse(status.svg).get("direction") == "rtl"
