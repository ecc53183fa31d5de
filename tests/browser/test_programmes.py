"""Dispositifs in a real browser: a visitor finds one, reads it and the timeline; an ally
proposes one and an administrator asks a question back.

Selectors use ids, names and URLs rather than visible text, so the journeys hold whatever
the French catalog says. axe-core scans every page visited.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from tests import factories
from tests.browser.helpers import follow, go, log_in


def call_space(call):
    """The cohort a call was opened on."""
    from portal.core.extensions import db
    from portal.spaces.models import Space

    with factories.APP.app_context():
        return db.session.get(Space, call.space_id)


def test_a_visitor_finds_a_dispositif_and_the_timeline(open_page):
    cohort = factories.space(title="Territoires pilotes 2027", slug="territoires-pilotes-2027")
    facilitator = factories.user(display_name="Claire Facilitatrice")
    factories.membership(cohort, facilitator, role="facilitator")
    factories.programme(
        title="Parcours national des territoires pilotes",
        slug="parcours-national",
        description="## Le programme\n\nDes séances mensuelles et **trois rencontres**.",
        audience_kinds=["collectivite"],
        regions=["occitanie"],
        contact_email="parcours@example.org",
        editions=(cohort,),
    )
    community = factories.space(kind="community", title="Mise en récit", slug="mise-en-recit")
    factories.programme(
        title="Mise en récit",
        kind="learning_community",
        slug="recit",
        starts_on=date(2024, 1, 1),
        ends_on=None,
        editions=(community,),
    )
    factories.milestone(title="Premier atelier villes pairs", happened_on=date(2018, 11, 20))
    call = factories.call_for(factories.space(title="Territoires pilotes 2028", slug="tp-2028"))
    factories.programme(
        title="Territoires pilotes, deuxième édition",
        regions=["bretagne"],
        editions=(call_space(call),),
    )

    page = open_page()
    go(page, "/")
    follow(page, page.locator("header nav a[href='/dispositifs']"))
    page.locator("#region").select_option("occitanie")
    page.locator("#kind").select_option("cohort_journey")
    follow(page, page.locator("main form.filters button[type=submit]"))
    assert page.locator("main .programme-card").count() == 1
    follow(page, page.locator("main .programme-card h3 a[href='/dispositifs/parcours-national']"))
    assert page.locator("main h1").inner_text() == "Parcours national des territoires pilotes"
    assert page.locator("main a[href='/spaces/territoires-pilotes-2027']").count() == 1
    assert page.locator("main a[href='mailto:parcours@example.org']").count() == 1
    follow(page, page.locator("main a[href='/dispositifs']").first)
    follow(page, page.locator("main a[href='/dispositifs/frise']"))
    assert page.locator("main ol.timeline-years > li").count() >= 3  # 2018, 2024, 2027
    assert page.locator("main svg.timeline-drawing[aria-hidden='true']").count() == 1
    assert page.locator("main a[href='/dispositifs/recit']").count() == 1

    # An open call: the catalogue's "open for applications" filter finds it, Apply opens it.
    follow(page, page.locator("main a[href='/dispositifs']").first)
    page.locator("#status").select_option("open")
    follow(page, page.locator("main form.filters button[type=submit]"))
    assert page.locator("main .programme-card").count() == 1
    follow(page, page.locator(f"main .programme-card a[href='/appels/{call.id}']"))
    assert urlsplit(page.url).path == f"/appels/{call.id}"


def test_an_ally_proposes_a_dispositif_and_answers_a_question(open_page):
    proposer = factories.user()
    factories.signature(signer=proposer)
    admin = factories.user(role="admin")

    page = open_page()
    log_in(page, proposer)
    go(page, "/dispositifs")
    follow(page, page.locator("main a[href='/dispositifs/proposer']"))
    page.locator("#title").fill("Sobriété foncière")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator(".error-summary").is_visible()  # what it is for, who it is for
    page.locator("#purpose").fill("Atteindre le zéro artificialisation nette.")
    page.locator("#audience").fill("Communes rurales et leurs intercommunalités.")
    page.locator("#format").fill("Six séances en visio.")
    follow(page, page.locator("main form input[type=submit]"))
    proposal_path = urlsplit(page.url).path
    assert proposal_path.startswith("/dispositifs/propositions/")

    reviewer = open_page()
    log_in(reviewer, admin)
    go(reviewer, "/dispositifs/propositions")
    follow(reviewer, reviewer.locator(f"main a[href='{proposal_path}']"))
    reviewer.locator("#body").fill("Combien de communes visez-vous ?")
    follow(reviewer, reviewer.locator(f"main form[action='{proposal_path}/message'] button"))

    go(page, proposal_path)
    page.locator("#body").fill("Une douzaine, dans deux départements.")
    follow(page, page.locator(f"main form[action='{proposal_path}/message'] button"))
    assert page.locator("main .proposal-messages > li").count() == 2

    go(reviewer, proposal_path)
    follow(reviewer, reviewer.locator("main a[href*='/dispositifs/nouveau?proposition=']"))
    assert reviewer.locator("#title").input_value() == "Sobriété foncière"


def test_an_admin_creates_a_dispositif_picks_an_edition_and_adds_a_milestone(open_page):
    admin = factories.user(role="admin")
    factories.space(title="Territoires pilotes 2028", slug="territoires-pilotes-2028")

    page = open_page()
    log_in(page, admin)
    go(page, "/dispositifs")
    follow(page, page.locator("main a[href='/dispositifs/nouveau']"))
    page.locator("#title").fill("Parcours national")
    page.locator("#starts_on").fill("2028-01-15")
    page.locator("#ends_on").fill("2027-12-15")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator(".error-summary").is_visible()  # no summary, dates in the wrong order
    page.locator("#summary").fill("Une année en cohorte.")
    page.locator("#ends_on").fill("2028-12-15")
    page.locator("#audience_kinds-0").check()
    follow(page, page.locator("main form input[type=submit]"))
    assert urlsplit(page.url).path == "/dispositifs/parcours-national"
    follow(page, page.locator("main a[href='/dispositifs/parcours-national/editions']"))
    page.locator("#label").fill("Édition 2028")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator("main a[href='/spaces/territoires-pilotes-2028']").count() == 1

    go(page, "/dispositifs/jalons")
    follow(page, page.locator("main a[href='/dispositifs/jalons/nouveau']"))
    page.locator("#happened_on").fill("2018-11-20")
    page.locator("#title").fill("Premier atelier villes pairs")
    follow(page, page.locator("main form input[type=submit]"))
    go(page, "/dispositifs/frise")
    assert page.locator("main #year-2018").count() == 1
