"""Every page of the domain renders for the people who may see it."""

from tests import factories


def test_pages_render_for_the_facilitator(facilitator_client, cohort, session_next_week):
    for path in (
        f"/spaces/{cohort.slug}/meetings/new",
        f"/meetings/{session_next_week.id}",
        f"/meetings/{session_next_week.id}/edit",
        "/agenda",
        "/agenda?show=past",
        "/agenda/calendar",
        f"/spaces/{cohort.slug}/facilitator",
    ):
        response = facilitator_client.get(path)
        assert response.status_code == 200, path


def test_attendance_page_renders_after_the_session(facilitator_client, cohort, people):
    past = factories.meeting(cohort, starts_in_days=-1)
    factories.registration(past, people["member"])
    response = facilitator_client.get(f"/meetings/{past.id}/attendance")
    assert response.status_code == 200
    assert people["member"].display_name in response.get_data(as_text=True)
