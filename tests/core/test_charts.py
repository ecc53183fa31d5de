"""The chart module: every chart is well-formed SVG, named by its title and description,
writes its figures as text, tells series apart by pattern as well as colour, and passes
contrast; no style="" (CSP) and no script."""

import pytest

from portal.core.charts import (
    Bar,
    StackedRow,
    bar_chart,
    contrast_ratio,
    donut_chart,
    small_multiples,
    stacked_bar_chart,
)
from portal.core.charts.svg import BACKGROUND, SERIES_COLOURS, TEXT_COLOUR
from tests.svg import NS, parse, texts


@pytest.fixture(autouse=True)
def english(app):
    """Percentages are formatted for a locale: English, in a request."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def check_named(markup, chart_id: str, title: str) -> list[str]:
    """Asserts what every chart owes its readers; returns its texts."""
    svg = str(markup)
    assert "style=" not in svg and "<script" not in svg
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find(f"{NS}title").text == title
    assert root.find(f"{NS}desc").text
    return texts(root)


def test_a_bar_chart_writes_each_label_and_figure():
    chart = bar_chart(
        [Bar("Lancement", 0.75, "75%"), Bar("Diagnostic", None, "not recorded")],
        chart_id="bars",
        title="Attendance",
        desc="Bars.",
        scale=1,
    )
    drawn = check_named(chart, "bars", "Attendance")
    assert {"Lancement", "75%", "Diagnostic", "not recorded"} <= set(drawn)


def test_labels_are_escaped_and_long_ones_shortened():
    chart = bar_chart([Bar("<script>" + "x" * 40, 1, "1")], chart_id="b", title="<t>", desc="d")
    assert "<script>" not in str(chart)
    assert check_named(chart, "b", "<t>")[0].endswith("…")


def test_a_stacked_bar_chart_has_a_legend_patterns_and_its_figures():
    rows = [
        StackedRow("2025", [12, 30, 0], "42"),
        StackedRow("2026", [20, 5, 3], "28"),
    ]
    chart = stacked_bar_chart(
        rows, ["Organisations", "Individuals", "Networks"], chart_id="st", title="Allies", desc="d"
    )
    drawn = check_named(chart, "st", "Allies")
    assert {"Organisations", "Individuals", "Networks", "42", "28", "12", "30", "20"} <= set(drawn)
    root = parse(chart)
    patterns = root.findall(f".//{NS}pattern")
    assert [p.get("id") for p in patterns] == ["st-s0", "st-s1", "st-s2"]
    # Series 1 and 2 carry a motif over their colour: colour never tells them apart alone.
    assert all(p.find(f"{NS}path") is not None for p in patterns[1:])
    fills = {r.get("fill") for r in root.iter(f"{NS}rect")}
    assert {"url(#st-s0)", "url(#st-s1)", "url(#st-s2)"} <= fills


def test_a_donut_labels_each_slice_with_its_share_and_the_legend_with_values():
    chart = donut_chart(
        [Bar("Local authorities", 30, "30"), Bar("Associations", 10, "10"), Bar("None", 0, "0")],
        chart_id="do",
        title="Kinds",
        desc="d",
    )
    drawn = check_named(chart, "do", "Kinds")
    assert "75%" in drawn and "25%" in drawn
    assert "Local authorities: 30 (75%)" in drawn and "None: 0 (0%)" in drawn
    assert len(parse(chart).findall(f"{NS}path")) == 2  # an empty share draws no slice


@pytest.mark.parametrize("values", [[5], [0, 0], []])
def test_a_donut_of_one_share_or_none_still_draws(values):
    chart = donut_chart([Bar(str(v), v, str(v)) for v in values], chart_id="d", title="t", desc="d")
    check_named(chart, "d", "t")


def test_small_multiples_share_one_scale():
    groups = [
        ("Coopérer", [Bar("2025", 4, "4"), Bar("2026", 8, "8")]),
        ("Mettre en récit", [Bar("2025", 2, "2"), Bar("2026", 0, "0")]),
        ("Gouvernance", [Bar("2025", 1, "1")]),
    ]
    chart = small_multiples(groups, chart_id="sm", title="By fundamental", desc="d")
    drawn = check_named(chart, "sm", "By fundamental")
    assert {"Coopérer", "Mettre en récit", "Gouvernance", "8", "4", "2", "0"} <= set(drawn)
    filled = [
        float(r.get("width")) for r in parse(chart).iter(f"{NS}rect") if r.get("fill") == "#1f6b45"
    ]
    # 8 fills its track, 4 half of it, whatever their panel.
    assert filled[1] == 2 * filled[0] and filled[2] == filled[1] / 4


def test_colours_pass_contrast():
    assert contrast_ratio(TEXT_COLOUR, BACKGROUND) >= 4.5
    for colour in SERIES_COLOURS:
        # White text and motifs on the series, the series on the page.
        assert contrast_ratio(colour, BACKGROUND) >= 4.5, colour
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0


def test_the_macro_shows_the_chart_its_summary_and_a_table_of_the_same_figures(app):
    template = app.jinja_env.from_string(
        '{% from "macros/charts.html" import chart_with_table %}'
        "{{ chart_with_table(svg, 'Allies by kind', ['Kind', 'Allies'], rows, summary='Most are "
        "local authorities.') }}"
    )
    chart = bar_chart([Bar("Associations", 3, "3")], chart_id="k", title="t", desc="d")
    html = template.render(svg=chart, rows=[("Associations", 3), ("<b>", 1)])
    assert html.startswith('<figure class="chart-figure chart-with-table">')
    assert str(chart) in html
    assert '<p class="visually-hidden">Most are local authorities.</p>' in html
    assert "<caption>Allies by kind</caption>" in html
    assert '<th scope="col">Kind</th><th scope="col">Allies</th>' in html
    assert '<tr><th scope="row">Associations</th><td>3</td></tr>' in html
    assert "&lt;b&gt;" in html


def test_an_unknown_value_is_a_dashed_empty_box_in_every_chart_never_a_zero():
    """None is a masked count ("fewer than 5"): no length is guessed, the text says so."""
    masked = Bar("Médias", None, "< 5")
    donut = donut_chart([Bar("Associations", 20, "20"), masked], chart_id="d", title="t", desc="d")
    drawn = check_named(donut, "d", "t")
    assert "Associations: 20 (100%)" in drawn and "Médias: < 5" in drawn
    assert len(parse(donut).findall(f"{NS}path")) == 1  # no slice for the unknown one
    bars = bar_chart([Bar("Bretagne", 8, "8"), masked], chart_id="b", title="t", desc="d")
    stacked = stacked_bar_chart(
        [StackedRow("Allies", [8, None], "12", "< 5")],
        ["A", "B"],
        chart_id="s",
        title="t",
        desc="d",
    )
    multiples = small_multiples([("Coopérer", [masked])], chart_id="m", title="t", desc="d")
    for chart, chart_id in ((donut, "d"), (bars, "b"), (stacked, "s"), (multiples, "m")):
        assert any("< 5" in drawn for drawn in check_named(chart, chart_id, "t"))
        boxes = [r for r in parse(chart).iter(f"{NS}rect") if r.get("stroke-dasharray")]
        assert len(boxes) == 1
