"""A call for applications in a real browser: an ally applies, saves a draft and submits;
the facilitator reviews and accepts; the applicant then sees the cohort. axe-core scans
every page on the way. Selectors use ids, names and URLs, not visible text."""

from __future__ import annotations

from sqlalchemy import select

from tests import factories
from tests.browser.helpers import follow, go, log_in


def question_ids(call) -> list[int]:
    from portal.core.extensions import db
    from portal.programmes.calls.models import Question

    with factories.APP.app_context():
        return list(
            db.session.scalars(
                select(Question.id).where(Question.call_id == call.id).order_by(Question.position)
            )
        )


def application_id() -> int:
    from portal.core.extensions import db
    from portal.programmes.calls.models import Application

    with factories.APP.app_context():
        return db.session.scalar(select(Application.id))


def test_an_ally_applies_and_the_facilitator_accepts(open_page, page, visit):
    cohort = factories.space(title="Territoires pilotes 2028", slug="territoires-pilotes-2028")
    claire = factories.user(email="claire@example.org", display_name="Claire Facilitatrice")
    factories.membership(cohort, claire, role="facilitator")
    alex = factories.user(email="alex@example.org", display_name="Alex Candidat")
    factories.signature(signer=alex)
    call = factories.call_for(cohort)
    ids = question_ids(call)

    # Alex reads the call, starts an application and saves a draft with one answer.
    log_in(page, alex.email)
    visit(f"/appels/{call.id}")
    follow(page, page.locator(f"main a[href='/appels/{call.id}/candidature']"))
    page.locator("#applying_for-0").check()
    page.locator("#territory").fill("Le Mené")
    page.locator(f"#q{ids[0]}").fill("Pour apprendre des territoires pairs.")
    follow(page, page.locator("main form input[name=save]"))
    draft = application_id()
    assert page.url.endswith(f"/appels/candidatures/{draft}")

    # Alex comes back to the draft, answers the rest and submits.
    visit(f"/appels/candidatures/{draft}")
    assert page.locator("#territory").input_value() == "Le Mené"
    page.locator(f"#q{ids[1]}").fill("4200")
    page.locator(f"#q{ids[2]}-0").check()
    page.locator(f"#q{ids[3]}-1").check()
    page.locator(f"#q{ids[4]}-0").check()
    follow(page, page.locator("main form input[name=submit_application]"))
    assert page.locator(f"main #q{ids[0]}").count() == 0  # read-only now
    visit(f"/appels/{call.id}")

    # Claire reviews and accepts from the applications table.
    claire_page = open_page()
    log_in(claire_page, claire.email)
    go(claire_page, f"/spaces/{cohort.slug}")
    follow(claire_page, claire_page.locator(f"main a[href='/appels/espace/{cohort.slug}']"))
    go(claire_page, f"/appels/{call.id}/candidatures")
    follow(
        claire_page,
        claire_page.locator(f"main a[href='/appels/candidatures/{draft}/evaluation']"),
    )
    claire_page.locator("#score-3").check()
    claire_page.locator("#comment").fill("Un dossier solide.")
    follow(claire_page, claire_page.locator("main form[action$='/evaluation'] button"))
    claire_page.locator("#decision-0").check()
    claire_page.locator("#message").fill("Bienvenue dans la promotion 2028 !")
    follow(claire_page, claire_page.locator("main form[action$='/decision'] button"))
    assert claire_page.url.endswith(f"/appels/{call.id}/candidatures")

    # Alex is now a member: their home shows the cohort and the application's state, and
    # the cohort's page opens from there.
    visit(f"/appels/candidatures/{draft}")
    visit("/")
    assert (
        page.locator(
            f"main .waiting-application-accepted a[href='/appels/candidatures/{draft}']"
        ).count()
        == 1
    )
    follow(page, page.locator(f"main .home-spaces a[href='/spaces/{cohort.slug}']"))
    assert page.locator("main h1").inner_text() == "Territoires pilotes 2028"


def test_a_facilitator_opens_a_call_and_composes_its_questions(page, visit):
    cohort = factories.space(title="Territoires pilotes 2028", slug="territoires-pilotes-2028")
    claire = factories.user(email="claire@example.org", display_name="Claire Facilitatrice")
    factories.membership(cohort, claire, role="facilitator")
    log_in(page, claire.email)
    visit(f"/appels/espace/{cohort.slug}")
    follow(page, page.locator(f"main a[href='/appels/espace/{cohort.slug}/nouveau']"))
    follow(page, page.locator("main form button[type=submit]"))  # empty: errors, accessible
    assert page.locator(".error-summary").count() == 1
    page.locator("#opens_at").fill("2027-09-01T09:00")
    page.locator("#closes_at").fill("2027-11-30T18:00")
    page.locator("#introduction").fill("La promotion **2028** accueille dix territoires.")
    follow(page, page.locator("main form button[type=submit]"))
    assert "/questions" in page.url
    for label, kind in (("Pourquoi candidater ?", "long_text"), ("Type", "one_choice")):
        page.locator("#label").fill(label)
        page.locator("#kind").select_option(kind)
        if kind == "one_choice":
            page.locator("#choices").fill("Rural\nUrbain")
        follow(page, page.locator("main form[action$='/questions'] button[type=submit]"))
    assert page.locator(".question-list > li").count() == 2
    follow(page, page.locator("main .question-list form input[value=up] + button"))
    assert page.locator(".question-list > li strong").first.inner_text() == "Type"
    follow(page, page.locator("main .question-list a").first)
    follow(page, page.locator("main form button[type=submit]"))
    call_id = page.url.split("/appels/")[1].split("/")[0]
    visit(f"/appels/{call_id}/modifier")
    visit(f"/appels/{call_id}")
