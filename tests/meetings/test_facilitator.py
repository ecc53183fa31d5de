"""The facilitator view: seats against capacity, attendance chart and table, CSV exports."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings.models import Registration
from tests import factories
from tests.helpers import post_form


def past_session(cohort, title: str, days_ago: int, present: int, absent: int):
    """A past session with `present` + `absent` recorded seats."""
    meeting = factories.meeting(cohort, title=title, starts_in_days=-days_ago)
    for attended in [True] * present + [False] * absent:
        factories.registration(
            meeting, factories.user(), attended=attended, attendance_recorded_at=utcnow()
        )
    return meeting


def test_upcoming_sessions_show_seats_against_capacity(facilitator_client, cohort):
    meeting = factories.meeting(cohort, title="Atelier complet", capacity=2)
    for status in ("confirmed", "confirmed", "waitlisted"):
        factories.registration(meeting, factories.user(), status=status)
    page = facilitator_client.get(f"/spaces/{cohort.slug}/facilitator").get_data(as_text=True)
    row = page[page.index("Atelier complet") :].split("</tr>")[0]
    assert [cell for cell in re.findall(r"<td>([^<]*)</td>", row)][1:] == ["2", "2", "1"]


def test_attendance_is_a_described_svg_chart_with_the_same_figures_in_a_table(
    facilitator_client, cohort
):
    past_session(cohort, "Lancement", 20, present=3, absent=1)
    past_session(cohort, "Diagnostic", 10, present=1, absent=1)
    page = facilitator_client.get(f"/spaces/{cohort.slug}/facilitator").get_data(as_text=True)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-labelledby="attendance-chart-title attendance-chart-desc"' in svg
    assert (
        '<title id="attendance-chart-title">' in svg and '<desc id="attendance-chart-desc">' in svg
    )
    assert re.search(r">75\s?%<", svg) and re.search(r">50\s?%<", svg)
    assert "style=" not in svg and "<script" not in svg
    table = page[page.index('class="facilitator-attendance"') :]
    assert re.search(r">75\s?%<", table) and re.search(r">50\s?%<", table)
    assert '<th scope="col">' in table and '<th scope="row">' in table


def test_chart_labels_are_escaped(facilitator_client, cohort):
    past_session(cohort, "<script>alert(1)</script>", 5, present=1, absent=0)
    page = facilitator_client.get(f"/spaces/{cohort.slug}/facilitator").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page


def read_csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_members_export_guards_against_formulas(facilitator_client, cohort, people):
    sly = factories.user(display_name='=HYPERLINK("http://evil.example")')
    factories.membership(cohort, sly)
    response = facilitator_client.get(f"/spaces/{cohort.slug}/facilitator/members.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == [
        "name",
        "email",
        "role",
        "joined_at",
        "sessions_registered",
        "sessions_attended",
    ]
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example")' in names
    assert people["member"].display_name in names
    assert {row[2] for row in rows[1:]} == {"member", "facilitator"}


def test_the_attendance_export_has_one_row_per_seat(facilitator_client, cohort):
    past_session(cohort, "@SUM(A1)", 3, present=1, absent=1)
    rows = read_csv(facilitator_client.get(f"/spaces/{cohort.slug}/facilitator/attendance.csv"))
    assert rows[0][0] == "session" and rows[0][-1] == "attendance"
    assert sorted(row[-1] for row in rows[1:]) == ["absent", "present"]
    assert all(row[0] == "'@SUM(A1)" for row in rows[1:])


def test_a_facilitator_records_attendance(app, facilitator_client, cohort):
    meeting = factories.meeting(cohort, starts_in_days=-1)
    came, missed = factories.user(), factories.user()
    came_id = factories.registration(meeting, came).id
    factories.registration(meeting, missed)
    waiting = factories.user()
    factories.registration(meeting, waiting, status="waitlisted")
    response = post_form(
        facilitator_client, f"/meetings/{meeting.id}/attendance", {"present": [came_id]}
    )
    assert response.status_code == 302
    with app.app_context():
        rows = {
            r.user_id: r.attended
            for r in db.session.scalars(
                select(Registration).where(Registration.meeting_id == meeting.id)
            )
        }
    assert rows == {came.id: True, missed.id: False, waiting.id: None}
    page = facilitator_client.get(f"/meetings/{meeting.id}/attendance").get_data(as_text=True)
    assert re.search(rf'value="{came_id}"[^>]*checked|checked[^>]*value="{came_id}"', page)


def test_an_unknown_registration_in_the_attendance_form_is_refused(app, facilitator_client, cohort):
    meeting = factories.meeting(cohort, starts_in_days=-1)
    factories.registration(meeting, factories.user())
    response = post_form(
        facilitator_client, f"/meetings/{meeting.id}/attendance", {"present": ["999999"]}
    )
    assert response.status_code == 200
    assert "not a valid choice" in response.get_data(as_text=True)
    response = post_form(
        facilitator_client, f"/meetings/{meeting.id}/attendance", {"present": ["x"]}
    )
    assert response.status_code == 200
