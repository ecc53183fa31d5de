"""Sessions in a real browser: a facilitator schedules one, a member registers, downloads
the .ics and finds it in the agenda, a second member lands on the waitlist. Every page
visited is scanned by axe-core.
"""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from tests import factories
from tests.browser.helpers import follow, go, log_in

TITLE = "Atelier gouvernance partagée"


def test_a_facilitator_schedules_a_session_and_members_register(open_page, tmp_path):
    cohort = factories.space(title="Territoires pilotes", timezone="Europe/Paris")
    facilitator, first, second = (factories.user(locale="fr") for _ in range(3))
    factories.membership(cohort, facilitator, role="facilitator")
    factories.membership(cohort, first)
    factories.membership(cohort, second)
    day = date.today() + timedelta(days=20)

    # The facilitator schedules a one-seat session at 18:00 in the space's time zone.
    organiser = open_page()
    log_in(organiser, facilitator)
    go(organiser, f"/spaces/{cohort.slug}/meetings/new")
    organiser.locator("#title").fill(TITLE)
    organiser.locator("#description").fill("Un atelier en **petit groupe**.")
    organiser.locator("#starts_at").fill(f"{day.isoformat()}T18:00")
    organiser.locator("#ends_at").fill(f"{day.isoformat()}T20:00")
    organiser.locator("#place").fill("Tiers-lieu La Grange, Craon")
    organiser.locator("#capacity").fill("1")
    # An end before the start is refused with an error summary (scanned too).
    organiser.locator("#ends_at").fill(f"{day.isoformat()}T17:00")
    follow(organiser, organiser.locator("main form button[type=submit]"))
    assert organiser.locator(".error-summary a[href='#ends_at']").count() == 1
    organiser.locator("#ends_at").fill(f"{day.isoformat()}T20:00")
    follow(organiser, organiser.locator("main form button[type=submit]"))
    assert "/meetings/" in organiser.url
    meeting_path = organiser.url.split(organiser.url.split("/meetings/")[0])[1]
    assert organiser.locator("main h1").inner_text() == TITLE
    assert "18:00" in organiser.locator(".meeting-facts").inner_text()

    # Its edit page and the space's facilitator view are accessible too.
    go(organiser, f"{meeting_path}/edit")
    go(organiser, f"/spaces/{cohort.slug}/facilitator")

    # A member registers, downloads the .ics, and finds the session in the agenda.
    member = open_page()
    log_in(member, first)
    go(member, meeting_path)
    follow(member, member.locator("form[action$='/register'] button"))
    assert member.locator(".meeting-registration .badge-validated").count() == 1
    with member.expect_download() as download_info:
        member.locator("a[href$='.ics']").click()
    ics_file = tmp_path / "session.ics"
    download_info.value.save_as(ics_file)
    [event] = Calendar.from_ical(ics_file.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == TITLE
    assert event["UID"].startswith("meeting-")
    go(member, "/agenda")
    assert TITLE in member.locator("main").inner_text()
    go(member, "/agenda?show=past")
    go(member, "/agenda/calendar")

    # A second member finds the session full and lands on the waitlist.
    latecomer = open_page()
    log_in(latecomer, second)
    go(latecomer, meeting_path)
    follow(latecomer, latecomer.locator("form[action$='/register'] button"))
    assert latecomer.locator(".meeting-registration .badge-pending").count() == 1

    # The facilitator sees one seat taken and one person waiting.
    go(organiser, f"/spaces/{cohort.slug}/facilitator")
    row = organiser.locator("table.facilitator-upcoming tbody tr", has_text=TITLE)
    assert [c.strip() for c in row.locator("td").all_inner_texts()][1:] == ["1", "1", "1"]

    # Cancelling tells both; the page then says the session is cancelled.
    go(organiser, f"{meeting_path}/edit")
    organiser.locator("#message").fill("Reportée au mois prochain.")
    follow(organiser, organiser.locator("form[action$='/cancel'] button[type=submit]"))
    assert organiser.locator(".meeting-cancelled").count() == 1


def test_attendance_and_the_facilitator_chart_are_accessible(open_page):
    cohort = factories.space(title="Cohorte passée", timezone="Europe/Paris")
    facilitator, member = factories.user(), factories.user()
    factories.membership(cohort, facilitator, role="facilitator")
    factories.membership(cohort, member)
    past = factories.meeting(cohort, title="Lancement", starts_in_days=-7)
    factories.registration(past, member)

    page = open_page()
    log_in(page, facilitator)
    go(page, f"/meetings/{past.id}/attendance")
    page.locator("fieldset#present input[type=checkbox]").first.check()
    follow(page, page.locator("main form button[type=submit]"))
    go(page, f"/spaces/{cohort.slug}/facilitator")
    assert page.locator("svg[role=img]").count() == 1
    go(page, f"/meetings/{past.id}")

    their_page = open_page()
    log_in(their_page, member)
    go(their_page, "/agenda?show=past")
    assert "Lancement" in their_page.locator("main").inner_text()
