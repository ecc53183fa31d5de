"""The activity figures: sessions held and their hours at the year's edges, distinct
participants, the attendance rate, active dispositifs and spaces, territories accompanied."""

from __future__ import annotations

from datetime import date, timedelta

from portal.forums.models import Post
from tests import factories
from tests.reports.helpers import at, section, set_columns


def session(space, starts_at, hours=2.0, **fields):
    """A session of `space` from `starts_at` lasting `hours`."""
    return factories.meeting(
        space, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )


def test_sessions_and_hours_count_sessions_held_in_the_year():
    space = factories.space()
    session(space, at(2025, 3, 10, 10), hours=2)
    session(space, at(2025, 11, 5, 14), hours=1.5)
    # Starts on the last evening of the year, ends in the next: the year of its start.
    session(space, at(2025, 12, 31, 23, 30), hours=1)
    session(space, at(2025, 4, 1), cancelled_at=at(2025, 3, 20))
    session(space, at(2024, 12, 31, 23), hours=2)
    session(space, at(2026, 1, 1, 0, 0))

    totals = section("activity")["totals"]
    # In the middle of the year, only the sessions already over count.
    midyear = section("activity", now=at(2025, 6, 1))["totals"]

    assert (totals["sessions"], totals["hours"]) == (3, 4.5)
    assert (midyear["sessions"], midyear["hours"]) == (1, 2.0)


def test_participants_are_distinct_people_present_or_confirmed_where_not_recorded():
    space = factories.space()
    first = session(space, at(2025, 3, 10, 10))
    second = session(space, at(2025, 5, 10, 10))
    cancelled = session(space, at(2025, 4, 1), cancelled_at=at(2025, 3, 1))
    people = [factories.user() for _ in range(7)]
    factories.registration(first, people[0], attended=True)
    factories.registration(first, people[1], attended=False)
    factories.registration(first, people[2])  # attendance not recorded: confirmed counts
    factories.registration(first, people[3], status="waitlisted")
    factories.registration(second, people[0], attended=True)
    factories.registration(second, people[4], status="cancelled")
    factories.registration(second, people[5], attended=True)
    factories.registration(cancelled, people[6])

    totals = section("activity")["totals"]

    assert totals["participants"] == 3
    # Three present among four recorded.
    assert totals["attendance_rate"] == 0.75


def test_attendance_rate_is_none_when_no_attendance_was_recorded():
    space = factories.space()
    factories.registration(session(space, at(2025, 3, 10)), factories.user())

    totals = section("activity")["totals"]

    assert totals["participants"] == 1
    assert totals["attendance_rate"] is None


def test_active_dispositifs_are_those_whose_dates_overlap_the_year():
    factories.programme(starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31))
    factories.programme(starts_on=date(2024, 9, 1), ends_on=None)
    factories.programme(starts_on=date(2026, 1, 1), ends_on=None)
    factories.programme(starts_on=date(2023, 1, 1), ends_on=date(2024, 12, 31))
    undated = factories.programme(starts_on=None, ends_on=None)

    assert section("activity")["totals"]["programmes_active"] == 2
    # Undated: running since its creation (now), so active this year and not in 2025.
    assert section("activity", year=undated.created_at.year)["totals"]["programmes_active"] == 3


def test_active_spaces_held_a_session_or_received_a_visible_post():
    with_session = factories.space()
    session(with_session, at(2025, 3, 10))
    with_posts = factories.space(kind="community")
    thread = factories.thread(with_posts)
    set_columns(Post, Post.thread_id == thread.id, created_at=at(2025, 7, 1))
    hidden = factories.space(kind="community")
    hidden_thread = factories.thread(hidden)
    set_columns(
        Post,
        Post.thread_id == hidden_thread.id,
        created_at=at(2025, 7, 1),
        hidden_at=at(2025, 7, 2),
    )
    session(factories.space(), at(2024, 3, 10))
    # A session and a post in the same space: the space counts once.
    session(with_posts, at(2025, 9, 1))

    assert section("activity")["totals"]["spaces_active"] == 2


def test_territories_are_organisations_accepted_or_taking_part_in_a_cohort():
    cohort = factories.space()
    held = session(cohort, at(2025, 3, 10))
    call = factories.call_for(cohort)
    accepted, held_back, declined = (factories.organisation() for _ in range(3))
    factories.application(
        call, factories.user(), organisation=accepted, state="accepted", notified_at=at(2024, 12)
    )
    factories.application(call, factories.user(), organisation=held_back, state="accepted")
    factories.application(
        call, factories.user(), organisation=declined, state="declined", notified_at=at(2024, 12)
    )
    present, absent = factories.organisation(), factories.organisation()
    factories.registration(held, factories.user(organisation_id=present.id), attended=True)
    factories.registration(held, factories.user(organisation_id=absent.id), attended=False)
    factories.registration(held, factories.user(organisation_id=accepted.id))
    # A community's participants are not accompanied territories.
    community = factories.space(kind="community")
    elsewhere = factories.organisation()
    factories.registration(
        session(community, at(2025, 4, 1)), factories.user(organisation_id=elsewhere.id)
    )

    assert section("activity")["totals"]["territories"] == 2
    assert section("activity", year=2024)["totals"]["territories"] == 0
