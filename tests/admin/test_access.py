"""Every admin URL: visitors are sent to log in, members are refused, administrators enter."""

import re

import pytest

from tests import factories


def admin_urls(app) -> list[tuple[str, str]]:
    """(method, path) of every rule of the admin blueprint, ids filled with 1."""
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin."):
            continue
        path = re.sub(r"<(?:int:)?\w+>", "1", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            urls.append((method, path))
    return sorted(urls)


def test_the_matrix_covers_the_alliance_admin_pages(app):
    paths = {path for _method, path in admin_urls(app)}
    assert {
        "/admin/",
        "/admin/signatures",
        "/admin/signatures/1/validate",
        "/admin/signatures/1/refuse",
        "/admin/allies/import",
    } <= paths


def test_visitors_are_sent_to_log_in_on_every_admin_url(app, client):
    for method, path in admin_urls(app):
        response = client.open(path, method=method)
        assert response.status_code == 302, (method, path)
        assert response.headers["Location"].startswith("/auth/login"), (method, path)


@pytest.mark.parametrize("confirmed", [True, False])
def test_members_are_refused_every_admin_url(app, client, login_as, confirmed):
    pending = factories.organisation()
    factories.signature(organisation=pending, signer=factories.user(), status="pending")
    login_as("member", confirmed=confirmed)
    for method, path in admin_urls(app):
        response = client.open(path, method=method, data={"reason": "A long enough reason."})
        assert response.status_code == 403, (method, path)
    from tests.alliance.helpers import signatures

    assert signatures()[0].status == "pending"


def test_administrators_open_every_admin_page(app, client, login_as):
    login_as("admin")
    for method, path in admin_urls(app):
        if method == "GET" and "/1" not in path:
            assert client.get(path).status_code == 200, path


def test_admin_link_is_shown_to_administrators_only(client, login_as):
    assert 'href="/admin/"' not in client.get("/").get_data(as_text=True)
    login_as("admin")
    assert 'href="/admin/"' in client.get("/").get_data(as_text=True)
