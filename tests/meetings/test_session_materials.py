"""A session page lists the materials posted for it, as each viewer may see them."""

from tests import factories


def test_session_page_lists_its_materials_for_members(as_viewer):
    space = factories.space(kind="community")
    people = factories.space_people(space)
    session = factories.meeting(space)
    factories.material(space, poster=people["facilitator"], meeting=session, title="Slides J1")
    factories.material(space, poster=people["facilitator"], title="Not for this session")

    page = as_viewer(people["member"]).get(f"/meetings/{session.id}").get_data(as_text=True)
    assert "Slides J1" in page
    assert "Not for this session" not in page


def test_cohort_session_materials_stay_private(as_viewer):
    cohort = factories.space(kind="cohort")
    people = factories.space_people(cohort)
    session = factories.meeting(cohort)
    factories.material(cohort, poster=people["facilitator"], meeting=session, title="Private notes")

    assert as_viewer(people["ally"]).get(f"/meetings/{session.id}").status_code == 404
    page = as_viewer(people["facilitator"]).get(f"/meetings/{session.id}").get_data(as_text=True)
    assert "Private notes" in page
    assert "Share a material for this session" in page
