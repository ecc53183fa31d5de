"""Who may do what with the reports: visitor, member and administrator × every route,
on a published report and on a draft; POSTs with and without their CSRF token."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.core.extensions import db
from tests import factories

PUBLISHED, DRAFT = 2025, 2026
READ_PUBLISHED = (
    "/bilans",
    f"/bilans/{PUBLISHED}",
    f"/bilans/{PUBLISHED}/imprimer",
    f"/bilans/{PUBLISHED}/versions/1",
    f"/bilans/comparer?a={PUBLISHED}&b={PUBLISHED}",
)
DRAFT_PAGES = (f"/bilans/{DRAFT}", f"/bilans/{DRAFT}/imprimer", f"/bilans/{DRAFT}/versions/1")
ADMIN_PAGES = (
    f"/bilans/{PUBLISHED}/modifier",
    f"/bilans/{PUBLISHED}/publier",
    f"/bilans/{DRAFT}/modifier",
    f"/bilans/{DRAFT}/publier",
)
POSTS = {
    "/bilans/nouveau": {"year": "2027"},
    f"/bilans/{DRAFT}/modifier": {"introduction": "Changé", "sections": ["allies"]},
    f"/bilans/{DRAFT}/publier": {"note": ""},
}


@pytest.fixture
def reports(figures):
    factories.report(PUBLISHED, published=True)
    factories.report(DRAFT)


def _client(as_viewer, role):
    return as_viewer(None if role == "visitor" else factories.user(role=role))


def _counts():
    from portal.reports.models import Report, ReportVersion

    with factories.context():
        return (
            db.session.scalar(select(func.count(Report.id))),
            db.session.scalar(select(func.count(ReportVersion.id))),
        )


@pytest.mark.parametrize("role", ("visitor", "member", "admin"))
@pytest.mark.parametrize("path", READ_PUBLISHED)
def test_everyone_reads_a_published_report(as_viewer, reports, role, path):
    assert _client(as_viewer, role).get(path).status_code == 200


@pytest.mark.parametrize("role", ("visitor", "member"))
@pytest.mark.parametrize("path", DRAFT_PAGES)
def test_a_draft_does_not_exist_for_visitors_and_members(as_viewer, reports, role, path):
    assert _client(as_viewer, role).get(path).status_code == 404


def test_administrators_see_the_draft_and_visitors_do_not_see_it_listed(as_viewer, reports):
    admin = _client(as_viewer, "admin")
    assert admin.get(f"/bilans/{DRAFT}").status_code == 200
    assert admin.get(f"/bilans/{DRAFT}/imprimer").status_code == 200
    assert f"/bilans/{DRAFT}" in admin.get("/bilans").get_data(as_text=True)
    listing = _client(as_viewer, "visitor").get("/bilans").get_data(as_text=True)
    assert f"/bilans/{DRAFT}" not in listing and f"/bilans/{PUBLISHED}" in listing
    assert 'action="/bilans/nouveau"' not in listing


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_are_the_administrators(as_viewer, reports, path):
    assert _client(as_viewer, "admin").get(path).status_code == 200
    assert _client(as_viewer, "member").get(path).status_code == 403
    visitor = _client(as_viewer, "visitor").get(path)
    assert visitor.status_code == 302 and "/login" in visitor.headers["Location"]


@pytest.mark.parametrize("path", POSTS)
def test_members_and_visitors_cannot_post(as_viewer, reports, path):
    before = _counts()
    assert _client(as_viewer, "member").post(path, data=POSTS[path]).status_code == 403
    visitor = _client(as_viewer, "visitor").post(path, data=POSTS[path])
    assert visitor.status_code == 302 and "/login" in visitor.headers["Location"]
    assert _counts() == before


@pytest.mark.parametrize("path", POSTS)
def test_an_administrator_posts(as_viewer, reports, path):
    response = _client(as_viewer, "admin").post(path, data=POSTS[path])
    assert response.status_code == 302


@pytest.mark.parametrize("path", POSTS)
def test_posts_without_their_token_are_refused(app, as_viewer, reports, path):
    app.config["WTF_CSRF_ENABLED"] = True  # the no_csrf fixture puts it back
    before = _counts()
    assert _client(as_viewer, "admin").post(path, data=POSTS[path]).status_code == 400
    assert _counts() == before


def test_a_version_that_does_not_exist_is_not_found(as_viewer, reports):
    admin = _client(as_viewer, "admin")
    assert admin.get(f"/bilans/{PUBLISHED}/versions/2").status_code == 404
    assert admin.get("/bilans/1999").status_code == 404
    assert admin.get("/bilans/1999/modifier").status_code == 404
