"""Writing, editing, publishing and marking experiences through the pages."""

import io
import re

import pytest

from tests import factories
from tests.helpers import post_form

COMPLETE = {
    "title": "Une coopérative solaire sur les toits des écoles",
    "territory": "Malaunay",
    "region": "normandie",
    "period": "2015–2020",
    "start_year": "2015",
    "end_year": "2020",
    "context": "Des toits d'écoles inutilisés et une facture énergétique qui grimpe.",
    "actions": "Une société coopérative a financé et posé 12 centrales.",
    "actors": "Habitants sociétaires, mairie, syndicat d'énergie.",
    "results": "450 kWc, **320 sociétaires**, 15 % de la consommation des écoles.",
    "difficulties": "Les assurances.",
    "lessons": "Nous commencerions par mobiliser les parents d'élèves.",
    "budget": "600 000 € dont 40 % d'épargne citoyenne",
    "contact_name": "Service transition",
    "contact_details": "transition@malaunay.example",
    "fundamentals": ["engagement", "value"],
    "themes": ["energy"],
    "visibility": "public",
}


def load(app, experience_id):
    """The experience as stored now."""
    from portal.core.extensions import db
    from portal.experiences.models import Experience

    with app.app_context():
        found = db.session.get(Experience, experience_id)
        return {
            "status": found.status,
            "title": found.title,
            "fundamentals": found.fundamental_keys,
            "themes": [t.key for t in found.themes],
            "thread": found.discussion_thread_id,
            "helpful": found.helpful_count,
            "published_at": found.published_at,
        }


def created_id(response) -> int:
    """The experience id a creation redirected to."""
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_a_territory_writes_a_draft_then_publishes_it(app, as_viewer, people):
    author = as_viewer(people["author"])
    data = dict(COMPLETE, organisation=people["organisation"].id)
    response = post_form(author, "/experiences/new", data)
    assert response.status_code == 302
    experience_id = created_id(response)
    stored = load(app, experience_id)
    assert stored["status"] == "draft" and stored["thread"] is None
    assert stored["fundamentals"] == ["engagement", "value"] and stored["themes"] == ["energy"]
    assert post_form(author, f"/experiences/{experience_id}/publish").status_code == 302
    stored = load(app, experience_id)
    assert stored["status"] == "published" and stored["published_at"] is not None
    assert stored["thread"] is not None  # its discussion opened with the first publication
    page = as_viewer(None).get(f"/experiences/{experience_id}").get_data(as_text=True)
    for heading in ("Context", "What was done", "Actors involved", "Results", "Difficulties"):
        assert f">{heading}</h2>" in page
    assert "<strong>320 sociétaires</strong>" in page


def test_publishing_again_keeps_the_discussion_and_the_date(app, as_viewer, people, published):
    before = load(app, published.id)
    author = as_viewer(people["author"])
    post_form(author, f"/experiences/{published.id}/unpublish")
    assert load(app, published.id)["status"] == "draft"
    assert as_viewer(people["ally"]).get(f"/experiences/{published.id}").status_code == 404
    post_form(author, f"/experiences/{published.id}/publish")
    after = load(app, published.id)
    assert after["thread"] == before["thread"] and after["published_at"] == before["published_at"]


def test_the_discussion_thread_follows_the_experience(app, people, published, draft):
    from portal.core.extensions import db
    from portal.core.permissions import can_see_thread
    from portal.experiences.services import experience_for_thread
    from portal.forums.models import Thread

    with app.app_context():
        thread_id = load(app, published.id)["thread"]
        assert experience_for_thread(thread_id).id == published.id
        thread = db.session.get(Thread, thread_id)
        assert thread.space_id is None
        assert can_see_thread(None, thread) is False  # "allies" experience: signed-in only
        assert experience_for_thread(987654) is None


def test_the_signatory_edits_the_authors_experience(app, as_viewer, people, published):
    data = dict(COMPLETE, title="Titre revu par la signataire")
    response = post_form(as_viewer(people["signatory"]), f"/experiences/{published.id}/edit", data)
    assert response.status_code == 302
    assert load(app, published.id)["title"] == "Titre revu par la signataire"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "x" * 201),
        ("context", "x" * 10_001),
        ("period", "x" * 61),
        ("budget", "x" * 301),
        ("contact_details", "x" * 301),
        ("start_year", "1800"),
        ("start_year", "deux mille"),
        ("region", "atlantide"),
        ("fundamentals", "happiness"),
        ("themes", "unknown-theme"),
        ("visibility", "everyone"),
        ("meetings", "999999"),
    ],
)
def test_invalid_fields_are_form_errors(app, as_viewer, people, published, field, value):
    data = dict(COMPLETE, **{field: value})
    response = post_form(as_viewer(people["author"]), f"/experiences/{published.id}/edit", data)
    assert response.status_code == 200
    assert 'class="field-error"' in response.get_data(as_text=True)
    assert load(app, published.id)["title"] != COMPLETE["title"]


def test_years_must_be_in_order(as_viewer, people, published):
    data = dict(COMPLETE, start_year="2020", end_year="2015")
    response = post_form(as_viewer(people["author"]), f"/experiences/{published.id}/edit", data)
    assert "The last year comes after the first." in response.get_data(as_text=True)


def test_this_helped_me_counts_once_per_member(app, as_viewer, people, published):
    ally = as_viewer(people["ally"])
    post_form(ally, f"/experiences/{published.id}/helpful")
    assert load(app, published.id)["helpful"] == 1
    post_form(as_viewer(people["admin"]), f"/experiences/{published.id}/helpful")
    assert load(app, published.id)["helpful"] == 2
    post_form(ally, f"/experiences/{published.id}/helpful")  # toggles back
    assert load(app, published.id)["helpful"] == 1


def test_the_list_filters_sorts_and_never_fails(as_viewer, people):
    energy = factories.experience(
        people["organisation"], title="Solaire citoyen", themes=["energy"]
    )
    food = factories.experience(
        people["other_organisation"],
        title="Cantine bio",
        themes=["food"],
        fundamentals=["cooperation"],
        region="hauts-de-france",
    )
    viewer = as_viewer(people["ally"])

    def titles(query):
        page = viewer.get(f"/experiences?{query}").get_data(as_text=True)
        return [t for t in ("Solaire citoyen", "Cantine bio") if t in page]

    assert titles("theme=food") == ["Cantine bio"]
    assert titles("fundamental=cooperation") == ["Cantine bio"]
    assert titles("region=normandie") == []
    assert titles("region=bretagne") == ["Solaire citoyen"]
    assert titles("kind=association") == ["Solaire citoyen", "Cantine bio"]
    assert titles("kind=collectivite") == []
    with factories.context():
        from portal.core.extensions import db
        from portal.experiences.services import toggle_helpful

        toggle_helpful(db.session.get(type(food), food.id), people["admin"])
        db.session.commit()
    page = viewer.get("/experiences?sort=helpful").get_data(as_text=True)
    assert page.index("Cantine bio") < page.index("Solaire citoyen")
    assert energy.id != food.id
    for query in ("theme=%00", "sort=random", "region=" + "x" * 5000, "fundamental[]=1", "page=0"):
        status = viewer.get(f"/experiences?{query}").status_code
        assert status in (200, 404), query
    assert viewer.get("/experiences?page=abc").status_code == 404


def test_the_list_loads_in_a_fixed_number_of_queries(as_viewer, people, count_queries):
    viewer = as_viewer(people["ally"])
    factories.experience(people["organisation"])
    viewer.get("/experiences")  # warm up (login record refresh)
    with count_queries() as few:
        assert viewer.get("/experiences").status_code == 200
    for _ in range(10):
        organisation = factories.ally()
        factories.experience(
            organisation, themes=["energy", "food"], fundamentals=["value", "systemic"]
        )
    with count_queries() as many:
        assert viewer.get("/experiences").status_code == 200
    assert len(many) == len(few), many


def downloaded(viewer, material_id) -> int:
    """The status of a download (the file handle closed)."""
    response = viewer.get(f"/materials/{material_id}/download")
    response.close()
    return response.status_code


def test_attachments_follow_the_experience(app, as_viewer, people, draft):
    author = as_viewer(people["author"])
    response = post_form(
        author,
        f"/experiences/{draft.id}/attachments/new",
        {"title": "Bilan chiffré", "file": (io.BytesIO(b"# Bilan\n\n450 kWc\n"), "bilan.md")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    from portal.core.extensions import db
    from portal.materials.models import Material

    with app.app_context():
        material_id = db.session.scalar(
            db.select(Material.id).where(Material.experience_id == draft.id)
        )
    assert "Bilan chiffré" in author.get(f"/experiences/{draft.id}").get_data(as_text=True)
    assert downloaded(author, material_id) == 200
    # A draft's attachment is as private as the draft, and never in the library.
    assert downloaded(as_viewer(people["ally"]), material_id) == 404
    assert "Bilan chiffré" not in as_viewer(people["ally"]).get("/resources").get_data(as_text=True)
    post_form(author, f"/experiences/{draft.id}/publish")
    assert downloaded(as_viewer(people["ally"]), material_id) == 200
    assert as_viewer(None).get(f"/materials/{material_id}").status_code == 302


def test_sessions_offered_are_those_of_the_authors_spaces(app, as_viewer, people, published):
    mine = factories.space(title="Cohorte énergie")
    factories.membership(mine, people["author"])
    presented = factories.meeting(mine, title="Séance des retours")
    elsewhere = factories.meeting(factories.space(title="Autre cohorte"), title="Séance ailleurs")
    author = as_viewer(people["author"])
    page = author.get(f"/experiences/{published.id}/edit").get_data(as_text=True)
    assert "Séance des retours" in page and "Séance ailleurs" not in page
    refused = post_form(
        author, f"/experiences/{published.id}/edit", dict(COMPLETE, meetings=elsewhere.id)
    )
    assert refused.status_code == 200
    post_form(author, f"/experiences/{published.id}/edit", dict(COMPLETE, meetings=presented.id))
    assert "Séance des retours" in author.get(f"/experiences/{published.id}").get_data(as_text=True)


def test_the_organisation_page_lists_what_the_viewer_may_read(
    as_viewer, people, draft, published, public
):
    path = f"/allies/{people['organisation'].slug}"
    visitor = as_viewer(None).get(path).get_data(as_text=True)
    assert public.title in visitor and published.title not in visitor and draft.title not in visitor
    ally = as_viewer(people["ally"]).get(path).get_data(as_text=True)
    assert public.title in ally and published.title in ally and draft.title not in ally


def test_a_drafts_attachment_never_shows_in_search(as_viewer, people, draft):
    author = as_viewer(people["author"])
    post_form(
        author,
        f"/experiences/{draft.id}/attachments/new",
        {"title": "Tableau confidentiel", "url": "https://example.org/tableau"},
    )
    assert (
        "Tableau confidentiel" not in as_viewer(people["ally"]).get("/search?q=confidentiel").text
    )
    post_form(author, f"/experiences/{draft.id}/publish")
    assert "confidentiel" in as_viewer(people["ally"]).get("/search?q=confidentiel").text


def test_posts_without_a_csrf_token_are_refused(as_viewer, people, published):
    viewer = as_viewer(people["ally"])
    assert viewer.post(f"/experiences/{published.id}/helpful").status_code == 400
    assert viewer.post("/experiences/new", data=dict(COMPLETE)).status_code == 400


def test_the_write_up_is_rendered_without_executable_content(as_viewer, people):
    hostile = factories.experience(
        people["organisation"],
        visibility="public",
        context='<script>alert(1)</script> <img src=x onerror="alert(2)">',
        actions="[clic](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)",
        lessons='<svg onload="alert(4)"></svg> <a href="#" onclick="alert(5)">x</a>',
    )
    page = as_viewer(None).get(f"/experiences/{hostile.id}").get_data(as_text=True)
    main = page[page.index("<main") :]
    # Escaped text may show the payloads; no real tag, handler or link may carry them.
    assert not re.search(r"<(script|img|svg)\b", main)
    assert not re.search(r"<[^>]*\son\w+\s*=", main)
    assert not re.search(r"href=\"(javascript|data):", main)


def test_the_space_is_chosen_among_the_authors_spaces(app, as_viewer, people, published):
    mine = factories.space(title="Communauté sobriété", kind="community")
    factories.membership(mine, people["author"])
    other = factories.space(title="Cohorte fermée")
    author = as_viewer(people["author"])
    assert "Cohorte fermée" not in author.get(f"/experiences/{published.id}/edit").text
    refused = post_form(author, f"/experiences/{published.id}/edit", dict(COMPLETE, space=other.id))
    assert refused.status_code == 200
    post_form(author, f"/experiences/{published.id}/edit", dict(COMPLETE, space=mine.id))
    assert (
        f'href="/spaces/{mine.slug}"'
        in as_viewer(people["ally"]).get(f"/experiences/{published.id}").text
    )
    assert (
        f'href="/spaces/{mine.slug}"'
        not in as_viewer(None).get(f"/experiences/{published.id}").text
    )
