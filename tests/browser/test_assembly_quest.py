"""The assembly's questionnaire in a real browser: an ally answers and changes an answer; the
administrator composes a question; once the evaluation closes, the results page shows its
charts, tables and breakdowns. axe-core scans every page on the way. Selectors use ids, names
and URLs, not visible text."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from tests import factories
from tests.browser.helpers import follow, go, log_in


def close_evaluation(edition) -> None:
    from portal.assembly.models import AssemblyEdition
    from portal.core.db import utcnow
    from portal.core.extensions import db

    with factories.APP.app_context():
        db.session.execute(
            update(AssemblyEdition)
            .where(AssemblyEdition.id == edition.id)
            .values(evaluation_closes_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()


def answers_of(edition) -> list[dict]:
    from portal.assembly.questionnaire.models import QuestionnaireResponse
    from portal.core.extensions import db

    with factories.APP.app_context():
        return list(
            db.session.scalars(
                select(QuestionnaireResponse.answers).where(
                    QuestionnaireResponse.edition_id == edition.id
                )
            )
        )


def test_an_ally_answers_the_questionnaire_and_reads_the_results(open_page, page, visit):
    edition = factories.assembly_edition(2031, phase="evaluation")
    questions = factories.questionnaire(edition)
    ids = [q.id for q in questions]
    for n in range(6):  # others answered: a group large enough for the breakdowns
        factories.questionnaire_response(
            edition, factories.user(), {str(ids[0]): 1 + n % 5, str(ids[3]): f"Idée {n}"},
            kind="association", region="bretagne",
        )  # fmt: skip
    iris = factories.user(email="iris@example.org", display_name="Iris Alliée")
    factories.signature(signer=iris)
    url = f"/assemblee/{edition.year}/questionnaire"

    # Iris answers, with a mistake first (the required scale left empty), then completely.
    log_in(page, iris.email)
    visit(url)
    page.locator(f"#q{ids[1]}-1").check()
    follow(page, page.locator("main form button[type=submit]"))
    assert page.locator(".error-summary").count() == 1
    page.locator(f"#q{ids[0]}-3").check()
    page.locator(f"#q{ids[2]}-0").check()
    page.locator(f"#q{ids[3]}").fill("Plus de visites de territoires.")
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(url)

    # She comes back and changes her mind on the scale.
    assert page.locator(f"#q{ids[0]}-3").is_checked()
    page.locator(f"#q{ids[0]}-4").check()
    follow(page, page.locator("main form button[type=submit]"))
    answers = answers_of(edition)
    assert len(answers) == 7
    assert sum(1 for a in answers if a.get(str(ids[2])) == ["Visio"]) == 1  # hers, changed once
    assert sum(1 for a in answers if a.get(str(ids[0])) == 5) == 2  # hers and one other

    # The results wait for the close; the administrator composes and previews them.
    visit(f"{url}/resultats")
    assert page.locator("main svg").count() == 0
    admin = factories.user(email="admin-quest@example.org", role="admin")
    admin_page = open_page()
    log_in(admin_page, admin.email)
    go(admin_page, f"{url}/questions")
    go(admin_page, f"{url}/resultats")
    assert admin_page.locator("main svg[role=img]").count() == 3

    # Once the evaluation closes, Iris reads the results: charts, tables, anonymous texts.
    close_evaluation(edition)
    visit(f"{url}/resultats")
    assert page.locator("main svg[role=img]").count() == 3
    assert page.locator("main table").count() >= 3
    page.locator("main details summary").first.click()
    assert "Iris" not in page.locator("main").inner_text()
    visit(url)  # the questionnaire now says it closed, with a link to the results
    assert page.locator(f"main a[href='{url}/resultats']").count() == 1
