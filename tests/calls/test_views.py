"""Call pages as each person sees them: applying, the deadline, reviewing, deciding."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.programmes.calls.models import Application, Call, Question
from portal.spaces.models import Membership
from tests import factories
from tests.helpers import post_form


def field_names(app, call) -> list[str]:
    with app.app_context():
        return [
            q.field_name
            for q in db.session.scalars(
                select(Question).where(Question.call_id == call.id).order_by(Question.position)
            )
        ]


def full_answers(app, call) -> dict:
    """A complete application form, by field name."""
    names = field_names(app, call)
    data = {"territory": "Le Mené", "invitees": "elu@example.org"}
    data.update(
        {
            names[0]: "Pour apprendre des pairs.",
            names[1]: "4200",
            names[2]: "Rural",
            names[3]: ["Energy", "Food"],
            names[4]: "yes",
        }
    )
    return data


def only_application(app):
    with app.app_context():
        return db.session.scalars(select(Application)).one()


def test_anyone_reads_a_call_and_its_cohort_dates(client, scene):
    page = client.get(f"/appels/{scene.call.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Territoires pilotes 2028" in html and "Bienvenue dans cet appel." in html
    assert client.get("/appels/999999").status_code == 404


def test_an_ally_saves_a_draft_comes_back_and_submits(app, client, login, scene, outbox):
    login(client, scene.applicant)
    assert client.get(f"/appels/{scene.call.id}/candidature").status_code == 200
    data = full_answers(app, scene.call)
    data.update(applying_for=str(scene.organisation.id), save="1")
    data[field_names(app, scene.call)[0]] = ""  # a required answer may wait in a draft
    response = post_form(client, f"/appels/{scene.call.id}/candidature", data)
    assert response.status_code == 302
    application = only_application(app)
    assert application.is_draft and application.organisation_id == scene.organisation.id
    page = client.get(f"/appels/candidatures/{application.id}")
    assert 'value="Le Mené"' in page.get_data(as_text=True)

    # Submitting without the required answer: refused, the draft is kept.
    data = full_answers(app, scene.call)
    data[field_names(app, scene.call)[0]] = ""
    data["submit_application"] = "1"
    response = post_form(client, f"/appels/candidatures/{application.id}", data)
    assert response.status_code == 200 and "needs an answer" in response.get_data(as_text=True)
    assert only_application(app).is_draft

    data = full_answers(app, scene.call)
    data["submit_application"] = "1"
    response = post_form(client, f"/appels/candidatures/{application.id}", data)
    assert response.status_code == 302
    application = only_application(app)
    assert application.state == "submitted"
    assert application.answers[str(field_names(app, scene.call)[1][1:])] == 4200
    # Read-only now: the page shows the answers, posting is refused.
    page = client.get(f"/appels/candidatures/{application.id}").get_data(as_text=True)
    assert "Pour apprendre des pairs." in page and 'name="territory"' not in page
    assert post_form(client, f"/appels/candidatures/{application.id}", data).status_code == 403
    # The call page shows the state.
    assert "Submitted" in client.get(f"/appels/{scene.call.id}").get_data(as_text=True)


def test_the_deadline_passing_between_loading_and_posting_keeps_the_draft(
    app, client, login, scene
):
    login(client, scene.applicant)
    assert client.get(f"/appels/{scene.call.id}/candidature").status_code == 200
    with app.app_context():  # the call closes while the form is open in the browser
        db.session.execute(
            update(Call)
            .where(Call.id == scene.call.id)
            .values(closes_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
    data = full_answers(app, scene.call)
    data.update(applying_for=str(scene.organisation.id), submit_application="1")
    response = post_form(
        client, f"/appels/{scene.call.id}/candidature", data, follow_redirects=True
    )
    assert response.status_code == 200
    assert "The call closed before your application was submitted" in response.get_data(
        as_text=True
    )
    application = only_application(app)
    assert application.is_draft and application.territory == "Le Mené"
    assert application.answers


def test_a_colleague_of_the_same_organisation_cannot_apply_again(app, client, login, scene):
    factories.application(scene.call, scene.applicant, organisation=scene.organisation)
    login(client, scene.colleague)
    data = full_answers(app, scene.call)
    data.update(applying_for=str(scene.organisation.id), save="1")
    response = post_form(
        client, f"/appels/{scene.call.id}/candidature", data, follow_redirects=True
    )
    assert "already applied" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Application.id))) == 1


def test_a_person_who_has_not_signed_is_told_to_sign_and_cannot_post(app, client, login, scene):
    login(client, factories.user())
    page = client.get(f"/appels/{scene.call.id}/candidature")
    assert page.status_code == 200 and "sign the charter" in page.get_data(as_text=True)
    data = full_answers(app, scene.call)
    data.update(applying_for="individual", save="1")
    assert post_form(client, f"/appels/{scene.call.id}/candidature", data).status_code == 403


@pytest.fixture
def submitted(scene):
    return factories.application(scene.call, scene.applicant, organisation=scene.organisation)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("ally", 403),
        ("applicant", 403),
        ("other_facilitator", 403),
        ("facilitator", 200),
        ("admin", 200),
    ],
)
def test_who_sees_the_applications_table(client, login, scene, submitted, who, status):
    person = persona(scene, who)
    if person is not None:
        login(client, person)
    assert client.get(f"/appels/{scene.call.id}/candidatures").status_code == status
    assert client.get(f"/appels/{scene.call.id}/candidatures.csv").status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("ally", 404),
        ("applicant", 403),
        ("other_facilitator", 404),
        ("facilitator", 200),
        ("admin", 200),
    ],
)
def test_who_reviews_an_application(client, login, scene, submitted, who, status):
    person = persona(scene, who)
    if person is not None:
        login(client, person)
    assert client.get(f"/appels/candidatures/{submitted.id}/evaluation").status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("ally", 403),
        ("other_facilitator", 403),
        ("facilitator", 200),
        ("admin", 200),
    ],
)
def test_who_opens_a_call(client, login, scene, who, status):
    person = persona(scene, who)
    if person is not None:
        factories.membership(scene.cohort, person) if who == "ally" else None
        login(client, person)
    assert client.get(f"/appels/espace/{scene.cohort.slug}/nouveau").status_code in (
        {status, 404} if status == 403 else {status}
    )


def persona(scene, who):
    """The person of a viewpoint around the scene's call."""
    if who == "anonymous":
        return None
    if who == "other_facilitator":
        other = factories.space()
        person = factories.user()
        factories.membership(other, person, role="facilitator")
        return person
    if who == "ally":
        person = factories.user()
        factories.signature(signer=person)
        return person
    return getattr(scene, who)


def test_a_reviewer_from_the_applicants_organisation_is_refused(
    app, client, login, scene, submitted
):
    factories.membership(scene.cohort, scene.colleague, role="facilitator")
    login(client, scene.colleague)
    page = client.get(f"/appels/candidatures/{submitted.id}/evaluation")
    assert page.status_code == 200 and "cannot review it" in page.get_data(as_text=True)
    url = f"/appels/candidatures/{submitted.id}/evaluation"
    assert post_form(client, url, {"score": "5"}).status_code == 403
    decide = f"/appels/candidatures/{submitted.id}/decision"
    assert post_form(client, decide, {"decision": "accepted"}).status_code == 403


def test_a_facilitator_opens_a_call_in_the_cohort_zone_and_composes_questions(
    app, client, login, scene
):
    login(client, scene.facilitator)
    response = post_form(
        client,
        f"/appels/espace/{scene.cohort.slug}/nouveau",
        {"opens_at": "2027-03-01T09:00", "closes_at": "2027-04-30T18:00", "introduction": "# Hi"},
    )
    assert response.status_code == 302
    with app.app_context():
        call = db.session.scalars(select(Call).order_by(Call.id.desc())).first()
        assert call.opens_at.hour == 8  # 09:00 in Paris in winter
        assert call.closes_at.hour == 16  # 18:00 in Paris in summer
        call_id = call.id
    questions = f"/appels/{call_id}/questions"
    for label in ("First", "Second"):
        post_form(client, questions, {"label": label, "kind": "short_text"})
    post_form(
        client,
        questions,
        {"label": "Pick", "kind": "one_choice", "choices": "A\nB", "is_required": "y"},
    )
    with app.app_context():
        ids = [q.id for q in db.session.get(Call, call_id).questions]
    post_form(client, f"{questions}/{ids[2]}/deplacer", {"direction": "up"})
    post_form(client, f"{questions}/{ids[0]}/supprimer", {})
    with app.app_context():
        assert [q.label for q in db.session.get(Call, call_id).questions] == ["Pick", "Second"]
    assert client.get(questions).status_code == 200
    assert client.get(f"{questions}/{ids[1]}").status_code == 200


def test_the_facilitator_reviews_and_accepts_and_the_applicant_joins(
    app, client, login, scene, submitted, outbox
):
    login(client, scene.facilitator)
    page = client.get(f"/appels/{scene.call.id}/candidatures")
    assert "Commune du Mené" in page.get_data(as_text=True)
    url = f"/appels/candidatures/{submitted.id}/evaluation"
    assert post_form(client, url, {"score": "4", "comment": "Solide"}).status_code == 302
    decide = f"/appels/candidatures/{submitted.id}/decision"
    assert (
        post_form(client, decide, {"decision": "accepted", "message": "Bravo"}).status_code == 302
    )
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count(Membership.id)).where(
                    Membership.space_id == scene.cohort.id, Membership.user_id == scene.applicant.id
                )
            )
            == 1
        )
    assert len(outbox()) == 1
    filtered = client.get(f"/appels/{scene.call.id}/candidatures?state=accepted&reviewed_by_me=yes")
    assert "Commune du Mené" in filtered.get_data(as_text=True)
    assert "4.0" in filtered.get_data(as_text=True)


def test_a_draft_stays_private_to_its_applicant(app, client, login, scene):
    draft = factories.application(
        scene.call, scene.applicant, organisation=scene.organisation, state="draft"
    )
    login(client, scene.facilitator)
    assert client.get(f"/appels/candidatures/{draft.id}").status_code == 404
    assert client.get(f"/appels/candidatures/{draft.id}/evaluation").status_code == 404


def test_the_applicant_withdraws_before_a_decision(app, client, login, scene, submitted):
    login(client, scene.applicant)
    url = f"/appels/candidatures/{submitted.id}/retrait"
    assert post_form(client, url, {}).status_code == 302
    assert only_application(app).state == "withdrawn"
    # Someone else's application cannot be withdrawn by them.
    other = factories.user()
    login(client, other)
    assert post_form(client, url, {}).status_code == 404


def test_held_decisions_go_out_when_the_facilitator_releases_them(
    app, client, login, scene, submitted, outbox
):
    with app.app_context():
        db.session.execute(
            update(Call).where(Call.id == scene.call.id).values(holds_decisions=True)
        )
        db.session.commit()
    login(client, scene.facilitator)
    decide = f"/appels/candidatures/{submitted.id}/decision"
    assert post_form(client, decide, {"decision": "waitlisted"}).status_code == 302
    assert outbox() == []
    applicant = app.test_client()
    applicant.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(applicant, scene.applicant)
    assert "Waitlisted" not in applicant.get(f"/appels/{scene.call.id}").get_data(as_text=True)
    assert post_form(client, f"/appels/{scene.call.id}/decisions", {}).status_code == 302
    assert [e["dedupe_key"] for e in outbox()] == [f"calls-decision:{submitted.id}:waitlisted"]
    assert "Waitlisted" in applicant.get(f"/appels/{scene.call.id}").get_data(as_text=True)


def test_reviewers_read_a_submitted_application_on_its_page(client, login, scene, submitted):
    login(client, scene.facilitator)
    page = client.get(f"/appels/candidatures/{submitted.id}")
    assert page.status_code == 200 and "Pour apprendre des pairs." in page.get_data(as_text=True)
