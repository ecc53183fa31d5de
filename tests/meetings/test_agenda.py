"""/agenda: sessions to come across your spaces with your status, and your history."""

from __future__ import annotations

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings.queries import upcoming_for_space
from portal.spaces.models import Space
from tests import factories


def test_the_agenda_lists_sessions_of_all_your_spaces_with_your_status(
    member_client, cohort, people
):
    community = factories.space(title="Fabriques locales", kind="community")
    factories.membership(community, people["member"])
    registered = factories.meeting(cohort, title="Inscrit", starts_in_days=3)
    waiting = factories.meeting(community, title="En attente", starts_in_days=4)
    open_one = factories.meeting(cohort, title="Pas encore inscrit", starts_in_days=5)
    factories.registration(registered, people["member"])
    factories.registration(waiting, people["member"], status="waitlisted")
    elsewhere = factories.space(title="Cohorte privée")
    factories.meeting(elsewhere, title="Ailleurs")
    factories.meeting(cohort, title="Passée", starts_in_days=-3)
    assert open_one

    page = member_client.get("/agenda").get_data(as_text=True)
    order = [page.index(t) for t in ("Inscrit", "En attente", "Pas encore inscrit")]
    assert order == sorted(order)
    assert "Ailleurs" not in page and "Passée" not in page
    assert "Registered" in page and "On the waitlist" in page and "Not registered" in page
    assert "Fabriques locales" in page


def test_a_private_cohort_never_shows_in_an_outsider_agenda(as_viewer, cohort, people):
    factories.meeting(cohort, title="Séance de la cohorte")
    page = as_viewer(people["ally"]).get("/agenda").get_data(as_text=True)
    assert "Séance de la cohorte" not in page


def test_the_history_shows_whether_you_came(member_client, cohort, people):
    came = factories.meeting(cohort, title="Venu", starts_in_days=-10)
    missed = factories.meeting(cohort, title="Manqué", starts_in_days=-5)
    unrecorded = factories.meeting(cohort, title="Sans relevé", starts_in_days=-2)
    recorded = {"attendance_recorded_at": utcnow()}
    factories.registration(came, people["member"], attended=True, **recorded)
    factories.registration(missed, people["member"], attended=False, **recorded)
    factories.registration(unrecorded, people["member"])
    factories.meeting(cohort, title="Pas inscrit", starts_in_days=-3)

    page = member_client.get("/agenda?show=past").get_data(as_text=True)

    def row(title: str) -> str:
        return page[page.index(title) :].split("</tr>")[0]

    assert "Present" in row("Venu")
    assert "Absent" in row("Manqué")
    assert "Not recorded" in row("Sans relevé")
    assert "Pas inscrit" not in page
    assert page.index("Sans relevé") < page.index("Manqué") < page.index("Venu")  # newest first


def test_a_bad_page_number_or_view_is_not_found(member_client):
    assert member_client.get("/agenda?page=0").status_code == 404
    assert member_client.get("/agenda?page=abc").status_code == 404
    assert member_client.get("/agenda?page=3").status_code == 404
    assert member_client.get("/agenda?show=everything").status_code == 404


def test_the_agenda_is_paginated(member_client, cohort):
    for day in range(25):
        factories.meeting(cohort, title=f"Séance n°{day:02d}", starts_in_days=day + 1)
    first = member_client.get("/agenda").get_data(as_text=True)
    second = member_client.get("/agenda?page=2").get_data(as_text=True)
    assert "Séance n°00" in first and "Séance n°19" in first and "Séance n°20" not in first
    assert "Séance n°24" in second and 'rel="prev"' in second


def fill(cohort, count: int, people) -> None:
    """`count` more sessions to come with registrations, and as many past ones."""
    for n in range(count):
        upcoming = factories.meeting(cohort, starts_in_days=n + 1, capacity=1)
        past = factories.meeting(cohort, starts_in_days=-(n + 1))
        factories.registration(upcoming, people["member"])
        factories.registration(upcoming, factories.user(), status="waitlisted")
        factories.registration(
            past, people["member"], attended=True, attendance_recorded_at=utcnow()
        )


def test_the_agenda_loads_in_a_fixed_number_of_queries(
    member_client, cohort, people, count_queries
):
    member_client.get("/agenda")  # warm the login record's last-seen time
    fill(cohort, 2, people)
    with count_queries() as few:
        member_client.get("/agenda")
        member_client.get("/agenda?show=past")
    fill(cohort, 12, people)
    with count_queries() as many:
        member_client.get("/agenda")
        member_client.get("/agenda?show=past")
    assert len(many) == len(few), many


def test_a_space_upcoming_list_loads_in_one_query(app, cohort, people, count_queries):
    fill(cohort, 2, people)
    with app.app_context():
        space = db.session.get(Space, cohort.id)
        with count_queries() as few:
            meetings = upcoming_for_space(space)
            [(m.title, m.space.timezone, m.confirmed_count, m.waitlisted_count) for m in meetings]
    fill(cohort, 10, people)
    with app.app_context():
        space = db.session.get(Space, cohort.id)
        with count_queries() as many:
            meetings = upcoming_for_space(space)
            [(m.title, m.space.timezone, m.confirmed_count, m.waitlisted_count) for m in meetings]
    assert len(few) == len(many) == 1
    assert len(meetings) == 5 and all(m.confirmed_count == 1 for m in meetings)
    assert all(m.waitlisted_count == 1 for m in meetings)
