"""The governance page and an assembly's edition in a real browser: a visitor reads how the
association works, then an edition with its phases, programme and documents.

Selectors use ids, classes and URLs rather than visible text. axe-core scans every page visited.
"""

from __future__ import annotations

from tests import factories
from tests.browser.helpers import follow, go


def test_a_visitor_reads_the_governance_page_and_an_edition(open_page):
    space = factories.space(kind="community", title="Assemblée 2027", slug="assemblee-2027")
    factories.meeting(space, title="Atelier des orientations", starts_in_days=20)
    edition = factories.assembly_edition(2027, phase="consultation", space_id=space.id)
    factories.assembly_edition(2026, phase="results")
    organisation = factories.ally(name="Collectif du Pays de Redon")
    factories.board_member(name="Claire Dubois", role="president", organisation=organisation)
    factories.board_member(name="Yannick Le Goff", role="treasurer")
    factories.governance_document(kind="statutes")
    orientations = factories.material(
        visibility="public", url="https://example.org/orientations.pdf", title="Orientations"
    )
    factories.governance_document(orientations, kind="orientations", edition=edition)

    page = open_page()
    go(page, "/")
    follow(page, page.locator("footer a[href='/gouvernance']"))
    assert page.locator("main .board-list li").count() == 2
    assert page.locator("main .governance-documents li").count() == 2
    assert page.locator("main a[href='/charter/v1']").count() == 1
    follow(page, page.locator("main .edition-list a[href='/assemblee/2027']"))
    assert page.locator("main h1").inner_text() == "Assemblée des alliés 2027"
    assert page.locator("main .assembly-phase-open").count() == 1
    assert page.locator("main .assembly-phase-upcoming").count() == 3
    assert page.locator("main .meeting-list li").count() == 1
    assert page.locator("main a[href='/spaces/assemblee-2027']").count() == 1
    assert page.locator("main .governance-documents li").count() == 1
    follow(page, page.locator("main .breadcrumb a[href='/assemblee']"))
    assert page.locator("main .edition-list > li").count() == 2
