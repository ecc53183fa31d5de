"""Budgets of the meetings' list pages: the agenda, a session, attendance, the facilitator
view and its CSV exports, the personal calendar feed."""

from __future__ import annotations

import pytest

from portal.meetings.agenda import PER_PAGE as AGENDA_PER_PAGE
from portal.meetings.facilitator import PAST_LIMIT, UPCOMING_LIMIT
from portal.meetings.models import Registration
from tests.budgets.helpers import (
    Page,
    add_rows,
    materials,
    meetings,
    members,
    more_than_a_page,
    space,
)


def register_member(world, sessions, status: str = "confirmed") -> None:
    """The world's member holds a seat (or waits for one) at each of `sessions`."""
    member = world.people["member"]
    add_rows([Registration(meeting_id=m.id, user_id=member.id, status=status) for m in sessions])


def more_sessions(world, *, past: bool = False):
    """Pages of sessions in both of the member's spaces, with other people registered;
    the member holds a seat at some and waits at others."""
    count = more_than_a_page(AGENDA_PER_PAGE) // 2
    start = -count - 5 if past else 1
    for slug in ("slug", "community_slug"):
        sessions = meetings(space(world.args[slug]), count, starts_in_days=start)
        register_member(world, sessions[::3])
        register_member(world, sessions[1::3], status="waitlisted")


def more_past_sessions(world):
    """Pages of past sessions (the agenda's history)."""
    more_sessions(world, past=True)


def a_past_seat(world):
    """The member had a seat at the world's past session: the history's first item."""
    register_member(world, [_session(world.args["past_meeting_id"])])


def _session(meeting_id: int):
    """A stand-in with the id `register_member` reads."""
    return type("Session", (), {"id": meeting_id})


def a_session_material(world):
    """One material for the world's session, on a theme (whose label takes its own query)."""
    materials(space(world.args["slug"]), 1, meeting=_session(world.args["meeting_id"]))


def a_full_session(world):
    """The world's session fills up: many seats, a waitlist, materials for it."""
    cohort = space(world.args["slug"])
    meeting_id = world.args["meeting_id"]
    people = members(cohort, 60)
    add_rows(
        [
            Registration(
                meeting_id=meeting_id,
                user_id=person.id,
                status="waitlisted" if n % 4 == 0 else "confirmed",
            )
            for n, person in enumerate(people)
        ]
    )
    materials(cohort, 10, meeting=_session(meeting_id))


def a_crowded_past_session(world):
    """Many seats at the world's past session, for the attendance sheet."""
    people = members(space(world.args["slug"]), 60)
    add_rows(
        [
            Registration(meeting_id=world.args["past_meeting_id"], user_id=p.id, status="confirmed")
            for p in people
        ]
    )


def a_busy_cohort(world):
    """More sessions to come and past than the facilitator view shows, each with seats."""
    cohort = space(world.args["slug"])
    meetings(cohort, UPCOMING_LIMIT + 10, registrants=2)
    meetings(cohort, PAST_LIMIT + 10, registrants=2, starts_in_days=-(PAST_LIMIT + 20))
    members(cohort, 40)


PAGES = {
    "meetings.agenda": Page("m", "/agenda", more_sessions, 5),
    "meetings.agenda (past)": Page(
        "m", "/agenda?show=past", more_past_sessions, 5, setup=a_past_seat
    ),
    "meetings.show (member)": Page(
        "m", "/meetings/{meeting_id}", a_full_session, 8, setup=a_session_material
    ),
    "meetings.show (facilitator)": Page(
        "f", "/meetings/{meeting_id}", a_full_session, 9, setup=a_session_material
    ),
    "meetings.attendance": Page(
        "f", "/meetings/{past_meeting_id}/attendance", a_crowded_past_session, 5
    ),
    "meetings.facilitator": Page("f", "/spaces/{slug}/facilitator", a_busy_cohort, 7),
    "meetings.members_csv": Page("f", "/spaces/{slug}/facilitator/members.csv", a_busy_cohort, 5),
    "meetings.attendance_csv": Page(
        "f", "/spaces/{slug}/facilitator/attendance.csv", a_busy_cohort, 5
    ),
    "meetings.feed": Page("a", "/calendar/{calendar_token}.ics", more_sessions, 3),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
