"""The map of allies on /allies: one link per region named by its figure, the same figures
in a table, counted in one query; and the renderer the yearly report shares."""

import re

from portal.alliance.constants import REGIONS
from tests import factories
from tests.svg import NS as SVG
from tests.svg import parse, texts


def the_map(page: str):
    """The map's SVG, parsed."""
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="allies-map"')
    return parse(page[start : page.index("</svg>", start) + 6])


def some_allies():
    for name in ("Loos-en-Gohelle", "Grande-Synthe"):
        factories.ally(name=name, kind="collectivite", region="hauts-de-france")
    factories.ally(name="Chaire Lille", kind="universite", region="hauts-de-france")
    factories.ally(name="Saint-Pierre", kind="collectivite", region="la-reunion")
    factories.organisation(name="Pas encore", region="bretagne")  # not an ally


def test_every_region_is_a_link_to_the_directory_named_by_its_figure(client):
    some_allies()
    page = client.get("/allies", headers={"Accept-Language": "en"}).get_data(as_text=True)
    links = {link.get("href"): link.get("aria-label") for link in the_map(page).iter(f"{SVG}a")}
    assert len(links) == len(REGIONS) == 18
    assert links["/allies?region=hauts-de-france"] == "Hauts-de-France: 3 allies"
    assert links["/allies?region=la-reunion"] == "La Réunion: 1 ally"
    assert links["/allies?region=bretagne"] == "Bretagne: 0 allies"
    for key in ("guadeloupe", "martinique", "guyane", "mayotte"):
        assert f"/allies?region={key}" in links


def test_the_table_gives_the_figures_of_the_map(client):
    some_allies()
    page = client.get("/allies", headers={"Accept-Language": "en"}).get_data(as_text=True)
    table = page[page.index('class="region-counts"') :]
    table = table[: table.index("</table>")]
    assert "<caption>Allies by region (the figures of the map)</caption>" in table
    assert len(re.findall(r'<th scope="row">', table)) == 18
    row = re.search(r'<th scope="row">Hauts-de-France</th>\s*<td>(\d+)</td>', table)
    assert row and row.group(1) == "3"
    assert re.search(r'<th scope="row">Bretagne</th>\s*<td>0</td>', table)
    assert 'href="/allies?region=la-reunion"' in table


def test_the_map_counts_the_search_and_kind_and_its_links_keep_them(client):
    some_allies()
    page = client.get("/allies?kind=universite", headers={"Accept-Language": "en"})
    links = {
        a.get("href"): a.get("aria-label") for a in the_map(page.get_data(True)).iter(f"{SVG}a")
    }
    assert links["/allies?kind=universite&region=hauts-de-france"] == "Hauts-de-France: 1 ally"
    assert links["/allies?kind=universite&region=la-reunion"] == "La Réunion: 0 allies"


def test_the_chosen_region_is_marked_current(client):
    some_allies()
    page = client.get("/allies?region=la-reunion").get_data(as_text=True)
    current = [a for a in the_map(page).iter(f"{SVG}a") if a.get("aria-current")]
    assert [a.get("href") for a in current] == ["/allies?region=la-reunion"]


def test_the_map_has_a_legend_of_classes_and_its_attribution(app):
    from portal.alliance.map import allies_map, classes

    assert classes({"bretagne": 0}) == [(0, 0)]
    assert classes({"bretagne": 12, "corse": 1}) == [(0, 0), (1, 3), (4, 6), (7, 9), (10, 12)]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        svg = str(allies_map({"bretagne": 12, "corse": 1, "unknown": 5}))
    root = parse(svg)
    drawn = texts(root)
    assert "10–12 allies" in drawn and "No ally" in drawn
    assert "Map: svg-maps / MapSVG, CC BY 4.0" in drawn
    assert "12" in drawn and "style=" not in svg and "<script" not in svg
    assert root.find(f"{SVG}title").text == "Map of the allies by region"


def test_the_class_colours_pass_contrast():
    from portal.alliance.map import BORDER, HALO, TEXT
    from portal.core.charts import contrast_ratio

    assert contrast_ratio(BORDER, "#ffffff") >= 3
    assert contrast_ratio(TEXT, HALO) >= 4.5


def test_a_masked_count_is_drawn_as_fewer_than_5(app):
    from portal.alliance.map import allies_map

    with app.test_request_context(headers={"Accept-Language": "en"}):
        svg = str(allies_map({"bretagne": None, "normandie": 12}))
    assert 'aria-label="Bretagne: fewer than 5 allies"' in svg
    assert "&lt;5" in svg
