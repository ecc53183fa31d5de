"""Personal data: the export lists what I wrote and marked; deletion keeps the write-ups."""

import json

from tests import factories
from tests.helpers import post_form


def test_the_export_lists_my_experiences_and_marks(as_viewer, people, published):
    other = factories.experience(people["other_organisation"], title="Marquée utile")
    reader = as_viewer(people["author"])
    post_form(reader, f"/experiences/{other.id}/helpful")
    sections = json.loads(reader.get("/account/export").get_data(as_text=True))["sections"]
    mine = sections["experiences"]
    assert [e["title"] for e in mine["written"]] == [published.title]
    assert mine["written"][0]["organisation"] == people["organisation"].name
    assert [m["experience"] for m in mine["marked_helpful"]] == ["Marquée utile"]


def test_experiences_stay_when_their_author_leaves_and_their_marks_go(
    app, as_viewer, people, published
):
    from portal.core.extensions import db
    from portal.experiences.models import Experience, HelpfulMark

    other = factories.experience(people["other_organisation"])
    author = as_viewer(people["author"])
    post_form(author, f"/experiences/{other.id}/helpful")
    response = post_form(
        author, "/account/delete", {"current_password": factories.PASSWORD, "understood": "y"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Experience, published.id) is not None
        assert db.session.get(Experience, other.id).helpful_count == 0
        assert db.session.scalars(db.select(HelpfulMark)).all() == []
    page = as_viewer(people["ally"]).get(f"/experiences/{published.id}").get_data(as_text=True)
    assert "Former member" in page and people["author"].display_name not in page
