"""The catalogue's pages, the timeline and the editing of dispositifs, with who is refused."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.core.extensions import db
from portal.programmes.models import Milestone, Programme, ProgrammeEdition
from tests import factories


def _programme(app, slug: str) -> Programme:
    with app.app_context():
        return db.session.scalar(select(Programme).where(Programme.slug == slug))


def test_a_visitor_sees_what_they_can_do_with_each_dispositif(viewer, open_calls):
    cohort = factories.space(slug="tp-2028")
    community = factories.space(kind="community", slug="recit")
    factories.programme(title="Parcours national", editions=(cohort,))
    factories.programme(title="Mise en récit", kind="learning_community", editions=(community,))
    factories.programme(title="Rencontres", kind="event_series")
    factories.programme(title="Nièvre", kind="accompaniment")
    open_calls(cohort)
    page = viewer(None).get("/dispositifs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "4 dispositifs found." in html
    assert f'href="/appels/{cohort.id}">Apply' in html  # the open call (the fake's id)
    assert 'href="/spaces/recit">Join the community' in html
    assert "Register for a session" in html and "Read more" in html
    assert "Open for applications" in html


def test_the_filters_narrow_the_list_and_nonsense_values_are_ignored(viewer):
    factories.programme(title="Parcours Occitanie", regions=["occitanie"])
    factories.programme(title="Parcours Bretagne", regions=["bretagne"])
    client = viewer(None)
    html = client.get("/dispositifs?region=bretagne&kind=cohort_journey").get_data(as_text=True)
    assert "Parcours Bretagne" in html and "Parcours Occitanie" not in html
    html = client.get("/dispositifs?region=nowhere&status=%00").get_data(as_text=True)
    assert "2 dispositifs found." in html
    assert client.get("/dispositifs?page=40").status_code == 404


def test_a_dispositif_page_shows_its_facilitators_editions_and_contact(viewer):
    cohort = factories.space(title="Territoires pilotes 2027")
    claire = factories.user(display_name="Claire Facilitatrice")
    factories.membership(cohort, claire, role="facilitator")
    programme = factories.programme(
        title="Parcours national",
        description="## Le programme\n\n<script>alert(1)</script>**quatre fondamentaux**",
        contact_email="parcours@example.org",
        audience_kinds=["collectivite"],
        editions=(cohort,),
    )
    page = viewer(None).get(f"/dispositifs/{programme.slug}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Claire Facilitatrice" in html and "Territoires pilotes 2027" in html
    assert "<strong>quatre fondamentaux</strong>" in html and "<script>alert" not in html
    assert "mailto:parcours@example.org" in html and "Local authority" in html
    assert viewer(None).get("/dispositifs/unknown").status_code == 404


def test_admins_create_a_dispositif_and_pick_its_editions(app, viewer):
    admin = factories.user(role="admin")
    space = factories.space(title="Territoires pilotes 2028")
    client = viewer(admin)
    answer = client.post(
        "/dispositifs/nouveau",
        data={
            "title": "Frise",  # a fixed route's name: the slug steps aside
            "summary": "Un parcours.",
            "kind": "cohort_journey",
            "audience_kinds": ["collectivite", "association"],
            "regions": ["occitanie"],
            "starts_on": "2028-01-15",
            "ends_on": "2027-12-15",
        },
    )
    assert "The end date comes after the start date." in answer.get_data(as_text=True)
    answer = client.post(
        "/dispositifs/nouveau",
        data={
            "title": "Frise",
            "summary": "Un parcours.",
            "kind": "cohort_journey",
            "audience_kinds": ["collectivite"],
            "starts_on": "2028-01-15",
        },
    )
    assert answer.headers["Location"] == "/dispositifs/frise-2"
    answer = client.post(
        "/dispositifs/frise-2/editions", data={"space": space.id, "label": "Édition 2028"}
    )
    assert answer.status_code == 302
    programme = _programme(app, "frise-2")
    with app.app_context():
        edition = db.session.scalar(select(ProgrammeEdition))
        assert (edition.programme_id, edition.space_id, edition.label) == (
            programme.id,
            space.id,
            "Édition 2028",
        )
    assert "Édition 2028" in client.get("/dispositifs/frise-2").get_data(as_text=True)
    client.post(f"/dispositifs/frise-2/editions/{edition.id}/retirer")
    with app.app_context():
        assert db.session.scalar(select(ProgrammeEdition)) is None


def test_a_facilitator_of_a_linked_space_edits_the_text_but_not_the_rest(app, viewer):
    cohort, elsewhere = factories.space(), factories.space()
    facilitator, other = factories.user(), factories.user()
    factories.membership(cohort, facilitator, role="facilitator")
    factories.membership(elsewhere, other, role="facilitator")
    programme = factories.programme(title="Parcours", editions=(cohort,))
    url = f"/dispositifs/{programme.slug}/modifier"
    answer = viewer(facilitator).post(
        url,
        data={
            "title": "Piraté",
            "kind": "other",
            "summary": "Nouveau résumé",
            "description": "Texte",
        },
    )
    assert answer.status_code == 302
    saved = _programme(app, programme.slug)
    assert (saved.title, saved.kind, saved.summary) == (
        "Parcours",
        "cohort_journey",
        "Nouveau résumé",
    )
    assert 'name="kind"' not in viewer(facilitator).get(url).get_data(as_text=True)
    # Nor may they choose its editions; a facilitator elsewhere, a member, may do nothing.
    assert viewer(facilitator).get(f"/dispositifs/{programme.slug}/editions").status_code == 403
    assert viewer(other).get(url).status_code == 403
    assert viewer(factories.user()).post(url, data={"summary": "x"}).status_code == 403
    assert viewer(None).get(url).status_code == 302  # to the login page


def test_the_timeline_is_an_ordered_list_by_year_with_a_drawing_beside_it(viewer):
    factories.milestone(title="Premier atelier villes pairs", happened_on=date(2018, 11, 20))
    factories.programme(title="Parcours national", starts_on=date(2027, 1, 15))
    html = viewer(None).get("/dispositifs/frise").get_data(as_text=True)
    assert '<ol class="timeline-years">' in html
    assert '<h2 id="year-2018">2018</h2>' in html and '<h2 id="year-2027">2027</h2>' in html
    assert html.index("Premier atelier villes pairs") < html.index('href="/dispositifs/parcours')
    assert '<svg class="timeline-drawing" aria-hidden="true"' in html


def test_admins_add_edit_and_delete_milestones_and_nobody_else(app, viewer):
    admin = factories.user(role="admin")
    client = viewer(admin)
    answer = client.post(
        "/dispositifs/jalons/nouveau",
        data={"happened_on": "2020-06-15", "title": "Appel de 2020", "url": "javascript:alert(1)"},
    )
    assert "Give a web address" in answer.get_data(as_text=True)
    client.post(
        "/dispositifs/jalons/nouveau", data={"happened_on": "2020-06-15", "title": "Appel de 2020"}
    )
    with app.app_context():
        milestone = db.session.scalar(select(Milestone))
    client.post(
        f"/dispositifs/jalons/{milestone.id}/modifier",
        data={"happened_on": "2020-06-16", "title": "L'appel de 2020"},
    )
    assert "L&#39;appel de 2020" in client.get("/dispositifs/frise").get_data(as_text=True)
    member = viewer(factories.user())
    assert member.get("/dispositifs/jalons").status_code == 403
    assert member.post(f"/dispositifs/jalons/{milestone.id}/supprimer").status_code == 403
    client.post(f"/dispositifs/jalons/{milestone.id}/supprimer")
    with app.app_context():
        assert db.session.scalar(select(Milestone)) is None
