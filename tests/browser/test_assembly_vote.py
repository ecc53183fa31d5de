"""The vote in a real browser: an ally casts their organisation's voice and keeps the
receipt; the second signatory sees the voice cast; after the close the ally reads the
results and checks the receipt. axe-core scans every page on the way. Selectors use ids,
names and URLs, not visible text."""

from __future__ import annotations

from datetime import timedelta

from tests import factories
from tests.browser.helpers import follow, go, log_in


def close_the_vote(edition_id: int) -> None:
    from portal.assembly.models import AssemblyEdition
    from portal.core.db import utcnow
    from portal.core.extensions import db

    with factories.APP.app_context():
        edition = db.session.get(AssemblyEdition, edition_id)
        edition.vote_opens_at = utcnow() - timedelta(days=2)
        edition.vote_closes_at = utcnow() - timedelta(minutes=1)
        edition.results_at = edition.vote_closes_at  # published at the close
        db.session.commit()


def test_an_ally_votes_for_their_organisation_and_reads_the_results(open_page, page, visit):
    edition = factories.assembly_edition(2031, phase="vote")
    motion = factories.vote_item(edition, title="Adopter les orientations", text="**Texte**")
    organisation = factories.organisation(name="Tiers-Lieu du Mené")
    alex = factories.user(email="alex.vote@example.org", display_name="Alex Votant")
    sam = factories.user(email="sam.vote@example.org", display_name="Sam Cosignataire")
    factories.signature(signer=alex, organisation=organisation)
    factories.signature(signer=sam, organisation=organisation)

    # Alex votes "pour" for the organisation and keeps the receipt code.
    log_in(page, alex.email)
    visit("/assemblee/2031/vote")
    page.locator(f"main #c-{motion.id}-1-pour").check()
    follow(page, page.locator("main form[action$='/vote/bulletin'] button"))
    code = page.locator("main .receipt code").inner_text().strip()
    assert len(code) == 19

    # Sam sees the voice cast, without a ballot form to cast it again.
    sam_page = open_page()
    log_in(sam_page, sam.email)
    go(sam_page, "/assemblee/2031/vote")
    assert sam_page.locator("main form[action$='/vote/bulletin']").count() == 0

    # After the close, Alex reads the results and checks the receipt.
    close_the_vote(edition.id)
    visit("/assemblee/2031/resultats")
    assert page.locator("main table").count() == 1
    visit("/assemblee/2031/vote/recu")
    page.locator("#code").fill(code)
    follow(page, page.locator("main form[action$='/vote/recu'] input[type=submit]"))
    assert page.locator("main #found-title").count() == 1
