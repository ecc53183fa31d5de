"""The map of allies in a real browser: axe-core finds nothing on /allies, a keyboard user
reaches every region and sees where the focus is, and a region leads to its allies."""

from tests import factories
from tests.browser.helpers import follow, go

REGION_LINKS = "main svg.allies-map a"


def test_the_map_of_allies_is_accessible_and_leads_to_a_region(open_page):
    factories.ally(name="Loos-en-Gohelle", kind="collectivite", region="hauts-de-france")
    factories.ally(name="Saint-Pierre", kind="association", region="la-reunion")
    page = open_page("en-GB")
    go(page, "/allies")
    links = page.locator(REGION_LINKS)
    assert links.count() == 18
    reunion = page.get_by_role("link", name="La Réunion: 1 ally")
    assert reunion.count() == 1
    assert page.get_by_role("link", name="Bretagne: 0 allies").count() == 1

    # The keyboard reaches the regions, and the focused one is drawn with a thick border.
    reunion.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "La Réunion: 1 ally"
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    width = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('path')).strokeWidth"
    )
    assert width == "3px"

    follow(page, reunion)
    assert page.url.endswith("/allies?region=la-reunion")
    assert "Saint-Pierre" in page.locator("main .ally-cards").inner_text()
    assert page.locator(f"{REGION_LINKS}[aria-current=true]").count() == 1
