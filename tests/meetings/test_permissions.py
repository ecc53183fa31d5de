"""Every route of the domain, seen from the six viewpoints around a cohort.

Anonymous visitors are sent to the login page (302); people outside the cohort get
404 (a private cohort's sessions do not reveal that they exist, like the cohort
itself); members who may not act get 403; the others get the page (200) or are
redirected after acting (302).
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.helpers import post_form
from tests.meetings.helpers import session_form

VIEWPOINTS = ("anonymous", "ally", "member", "other_facilitator", "facilitator", "admin")


def expect(anonymous, ally, member, other_facilitator, facilitator, admin) -> dict:
    return dict(
        zip(
            VIEWPOINTS,
            (anonymous, ally, member, other_facilitator, facilitator, admin),
            strict=True,
        )
    )


MANAGERS_SEE = expect(302, 404, 403, 404, 200, 200)
MANAGERS_ACT = expect(302, 404, 403, 404, 302, 302)
SPACE_SEES = expect(302, 404, 200, 404, 200, 200)
SIGNED_IN_SEE = expect(302, 200, 200, 200, 200, 200)
SIGNED_IN_ACT = expect(302, 302, 302, 302, 302, 302)

# (method, path template, expected, form data); {slug}, {next} (upcoming), {past}.
ROUTES = [
    ("GET", "/spaces/{slug}/meetings/new", MANAGERS_SEE, None),
    ("POST", "/spaces/{slug}/meetings/new", MANAGERS_ACT, "session"),
    ("GET", "/meetings/{next}", SPACE_SEES, None),
    ("GET", "/meetings/{next}.ics", SPACE_SEES, None),
    ("GET", "/meetings/{next}/edit", MANAGERS_SEE, None),
    ("POST", "/meetings/{next}/edit", MANAGERS_ACT, "session"),
    ("POST", "/meetings/{next}/cancel", MANAGERS_ACT, {}),
    # Admins see every space but register only where they are members.
    ("POST", "/meetings/{next}/register", expect(302, 404, 302, 404, 302, 403), {}),
    ("POST", "/meetings/{next}/unregister", expect(302, 404, 302, 404, 302, 302), {}),
    ("GET", "/meetings/{past}/attendance", MANAGERS_SEE, None),
    ("POST", "/meetings/{past}/attendance", MANAGERS_ACT, {}),
    ("GET", "/spaces/{slug}/facilitator", MANAGERS_SEE, None),
    ("GET", "/spaces/{slug}/facilitator/members.csv", MANAGERS_SEE, None),
    ("GET", "/spaces/{slug}/facilitator/attendance.csv", MANAGERS_SEE, None),
    ("GET", "/agenda", SIGNED_IN_SEE, None),
    ("GET", "/agenda?show=past", SIGNED_IN_SEE, None),
    ("GET", "/agenda/calendar", SIGNED_IN_SEE, None),
    ("POST", "/agenda/calendar/regenerate", SIGNED_IN_ACT, {}),
]


@pytest.mark.parametrize("viewpoint", VIEWPOINTS)
@pytest.mark.parametrize(
    ("method", "template", "expected", "data"), ROUTES, ids=[f"{m} {t}" for m, t, *_ in ROUTES]
)
def test_route_answers_each_viewpoint_as_expected(
    as_viewer, cohort, people, viewpoint, method, template, expected, data
):
    upcoming = factories.meeting(cohort, starts_in_days=10)
    past = factories.meeting(cohort, starts_in_days=-3)
    path = template.format(slug=cohort.slug, next=upcoming.id, past=past.id)
    client = as_viewer(people[viewpoint])
    if method == "GET":
        response = client.get(path)
    else:
        response = post_form(client, path, session_form() if data == "session" else data)
    assert response.status_code == expected[viewpoint], (viewpoint, method, path)
    if viewpoint == "anonymous":
        assert "/auth/login" in response.headers["Location"]


def test_in_a_community_any_signed_in_member_sees_a_session_but_only_members_register(
    as_viewer,
):
    community = factories.space(title="Mise en récit", kind="community")
    people = factories.space_people(community)
    meeting = factories.meeting(community)
    ally = as_viewer(people["ally"])
    assert ally.get(f"/meetings/{meeting.id}").status_code == 200
    assert ally.get(f"/meetings/{meeting.id}.ics").status_code == 200
    assert post_form(ally, f"/meetings/{meeting.id}/register").status_code == 403
    assert (
        post_form(as_viewer(people["member"]), f"/meetings/{meeting.id}/register").status_code
        == 302
    )


def test_an_archived_space_takes_no_new_session_nor_registration(as_viewer):
    from portal.core.db import utcnow

    archived = factories.space(title="Ancienne cohorte", archived_at=utcnow())
    people = factories.space_people(archived)
    meeting = factories.meeting(archived)
    facilitator = as_viewer(people["facilitator"])
    assert facilitator.get(f"/spaces/{archived.slug}/meetings/new").status_code == 403
    assert facilitator.get(f"/meetings/{meeting.id}/edit").status_code == 403
    assert facilitator.get(f"/spaces/{archived.slug}/facilitator").status_code == 200
    member = as_viewer(people["member"])
    assert post_form(member, f"/meetings/{meeting.id}/register").status_code == 403


def test_attendance_waits_for_the_session_to_start(facilitator_client, cohort):
    upcoming = factories.meeting(cohort, starts_in_days=2)
    assert facilitator_client.get(f"/meetings/{upcoming.id}/attendance").status_code == 403


def test_unknown_spaces_and_sessions_are_not_found(facilitator_client):
    for path in (
        "/spaces/nowhere/meetings/new",
        "/spaces/nowhere/facilitator",
        "/meetings/424242",
        "/meetings/424242.ics",
        "/meetings/424242/edit",
        "/meetings/424242/attendance",
    ):
        assert facilitator_client.get(path).status_code == 404, path
