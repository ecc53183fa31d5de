"""The report's infographics: which chart each breakdown and section gets, masked counts
("fewer than 5") in every chart type, and every chart beside a table of the same numbers."""

from __future__ import annotations

import re

import pytest

from tests import factories

#: Every section, with the real keys and a masked count in each chart type.
ALL_SECTIONS = {
    "allies": {
        "totals": {"signatures": 9, "allies": 40, "organisations": 31, "individuals": 9},
        "breakdowns": {
            "by_kind": [{"key": "association", "value": 20}, {"key": "media", "value": None}],
            "by_region": [{"key": "bretagne", "value": 12}, {"key": "guyane", "value": None}],
        },
    },
    "activity": {"totals": {"sessions": 14, "attendance_rate": 0.75}, "breakdowns": {}},
    "applications": {"totals": {"submitted": 30, "accepted": 11}, "breakdowns": {}},
    "experiences": {
        "totals": {"published": 17},
        "breakdowns": {
            "by_fundamental": [
                {"key": "cooperation", "value": 8},
                {"key": "engagement", "value": None},
            ],
            "by_theme": [{"key": "t1", "label": "Eau", "value": 6}],
            "by_region": [{"key": "occitanie", "value": 7}],
        },
    },
    "resources": {"totals": {"shared": 13, "library": 5, "in_spaces": 8}, "breakdowns": {}},
    "forums": {"totals": {"threads": 6, "posts": 44, "members": 21}, "breakdowns": {}},
    "assembly": {
        "totals": {"voters": 50, "electorate": 80, "turnout": 0.625},
        "breakdowns": {},
    },
}


def all_figures(year: int) -> dict:
    import copy

    return {"schema": 1, "year": year, "sections": copy.deepcopy(ALL_SECTIONS)}


@pytest.fixture
def every_chart(figures):
    """compute_figures gives every section, for any year."""
    figures.set(2025)
    figures.by_year[2025] = all_figures(2025)
    figures.by_year[2026] = all_figures(2026)
    figures.by_year[2026]["sections"]["experiences"]["breakdowns"]["by_fundamental"][0]["value"] = 3
    return figures


def test_each_breakdown_gets_its_kind_of_chart():
    from portal.reports import charts

    assert charts.kind_of("allies", "by_kind") == charts.DONUT
    assert charts.kind_of("experiences", "by_fundamental") == charts.DONUT
    assert charts.kind_of("allies", "by_region") == charts.MAP
    assert charts.kind_of("experiences", "by_region") == charts.BARS
    assert charts.kind_of("experiences", "by_theme") == charts.BARS
    assert charts.kind_of("unknown", "by_other") == charts.BARS


@pytest.mark.parametrize(
    ("section", "kind", "drawn"),
    (
        ("applications", "stacked", [("accepted", 11), (None, 19), ("submitted", 30)]),
        ("allies", "stacked", [("organisations", 31), ("individuals", 9), ("allies", 40)]),
        ("resources", "stacked", [("library", 5), ("in_spaces", 8), ("shared", 13)]),
        ("assembly", "stacked", [("voters", 50), (None, 30), ("electorate", 80)]),
        ("activity", "bars", [("attendance_rate", 0.75)]),
        ("forums", "bars", [("threads", 6), ("posts", 44), ("members", 21)]),
        ("experiences", None, []),
    ),
)
def test_a_section_s_totals_get_a_chart_where_one_fits(section, kind, drawn):
    from portal.reports.charts import totals_parts

    found, parts = totals_parts(section, ALL_SECTIONS[section]["totals"])
    assert found == kind
    assert [(key, value) for key, _rest, value in parts] == drawn


def test_an_unknown_part_leaves_the_rest_unknown_too():
    from portal.reports.charts import totals_parts

    _kind, parts = totals_parts("applications", {"submitted": 7, "accepted": None})
    assert [value for _key, _rest, value in parts] == [None, None, 7]
    assert totals_parts("applications", {"submitted": 7}) == (None, [])


@pytest.mark.parametrize("section", ["allies", "applications", "experiences", "activity"])
def test_every_chart_type_draws_a_masked_count_as_unknown(app, section):
    from portal.reports.figures import FEWER_THAN_5_TEXT
    from portal.reports.rendering import section_views

    figures = all_figures(2025)
    figures["sections"]["applications"]["totals"]["accepted"] = None
    figures["sections"]["allies"]["totals"]["individuals"] = None
    for rows in figures["sections"]["experiences"]["breakdowns"].values():
        rows.append({"key": "corse", "label": "Sols", "value": None})
    figures["sections"]["activity"]["totals"]["attendance_rate"] = None
    with app.test_request_context():
        (view,) = section_views(figures, [section])
        charts = [b.chart for b in view.breakdowns] + ([view.chart.chart] if view.chart else [])
        cells = [c for b in view.breakdowns for c in b.cells] + (
            view.chart.cells if view.chart else []
        )
        masked = [label for label, text in cells if str(text) == str(FEWER_THAN_5_TEXT)]
    assert charts and masked
    for chart in charts:
        # The map writes "<5" on the region; the others a dashed empty box and "< 5".
        if 'class="allies-map"' in chart:
            assert ">&lt;5<" in chart
        else:
            assert "&lt; 5" in chart and 'stroke-dasharray="3 2"' in chart


def numbers(html: str) -> list[str]:
    """The digits of a table's cells or a chart's texts, in order."""
    return re.findall(r"\d+", re.sub(r"<[^>]+>", " ", html))


def test_the_report_page_shows_every_chart_with_a_table_of_the_same_numbers(client, every_chart):
    factories.report(2025, published=True)
    page = client.get("/bilans/2025").get_data(as_text=True)
    for kind in ("donut", "bars", "map", "stacked"):
        assert f"report-chart-{kind}" in page
    assert 'class="allies-map" id="chart-allies-by_region"' in page
    assert page.count('region=bretagne"') == 2  # the region on the map, its row's link
    table = page[page.index('<table class="region-counts">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == 19  # every region, as on the map (0 where none)
    assert "<td>0</td>" in table and "<td>fewer than 5</td>" in table
    figures = re.findall(r'<figure class="chart-figure chart-with-table">.*?</figure>', page, re.S)
    assert len(figures) == 11  # 6 sections' totals, 2 donuts, 2 bars, the map
    for figure in figures:
        table = figure[figure.index("<table") :]
        drawn = figure[: figure.index("<table")]
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, re.S)
        values = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
        for value in values:
            if value.replace("\u202f", "").replace("\xa0", "").isdigit():
                assert f">{value}<" in drawn or f"{value} " in drawn or f": {value}" in drawn
        if "fewer than 5" in table:
            assert "&lt; 5" in drawn or "&lt;5" in drawn
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_the_compare_page_draws_fundamentals_as_small_multiples(client, every_chart):
    factories.report(2025, published=True)
    factories.report(2026, published=True)
    page = client.get("/bilans/comparer?a=2025&b=2026").get_data(as_text=True)
    assert 'aria-labelledby="compare-chart-experiences-by_fundamental-title' in page
    chart = page[page.index('id="compare-chart-experiences-by_fundamental-title"') :]
    chart = chart[: chart.index("</svg>")]
    assert ">2025<" in chart and ">2026<" in chart and ">8<" in chart and ">3<" in chart
    assert chart.count("&lt; 5") == 2  # Gouvernance, both years
    assert page.count('class="chart-figure chart-with-table"') == 1
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
