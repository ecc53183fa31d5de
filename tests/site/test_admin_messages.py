"""Administrators read the contact messages and mark them handled."""

import pytest
from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.site.models import ContactMessage
from tests import factories
from tests.helpers import csrf_token


def message(app, **fields):
    """A stored contact message."""
    values = {
        "name": "Camille Martin",
        "email": "camille@example.org",
        "topic": "accessibility",
        "body": "The menu is hidden at 200% zoom.",
    }
    values.update(fields)
    with app.app_context():
        return factories.save(ContactMessage(**values))


def handled_at(app, message_id):
    with app.app_context():
        return db.session.scalar(
            select(ContactMessage.handled_at).where(ContactMessage.id == message_id)
        )


def test_anonymous_visitor_is_sent_to_login(client, app):
    message(app)
    response = client.get("/admin/messages")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")
    assert "Camille" not in response.get_data(as_text=True)


def test_anonymous_visitor_cannot_mark_a_message_handled(client, app):
    stored = message(app)
    token = csrf_token(client)
    response = client.post(f"/admin/messages/{stored.id}/handled", data={"csrf_token": token})
    assert response.status_code == 302
    assert handled_at(app, stored.id) is None


def test_member_cannot_read_messages(client, app, login_as):
    message(app)
    login_as("member")
    response = client.get("/admin/messages")
    assert response.status_code == 403
    assert "Camille" not in response.get_data(as_text=True)


def test_member_cannot_mark_a_message_handled(client, app, login_as):
    stored = message(app)
    login_as("member")
    token = csrf_token(client)
    response = client.post(f"/admin/messages/{stored.id}/handled", data={"csrf_token": token})
    assert response.status_code == 403
    assert handled_at(app, stored.id) is None


def test_admin_reads_open_messages_escaped(client, app, login_as):
    message(app, body="<script>alert(1)</script> cannot log in", page_url="/auth/login")
    message(app, name="Old", body="Already answered", handled_at=utcnow())
    login_as("admin")
    response = client.get("/admin/messages")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; cannot log in" in html
    assert "<script>alert" not in html
    assert "/auth/login" in html
    assert "Already answered" not in html
    assert "1 message is waiting for an answer." in html


def test_admin_sees_all_messages_on_request(client, app, login_as):
    message(app, body="Open one")
    message(app, body="Already answered", handled_at=utcnow())
    login_as("admin")
    html = client.get("/admin/messages?show=all").get_data(as_text=True)
    assert "Open one" in html and "Already answered" in html
    assert html.index("Open one") < html.index("Already answered")


@pytest.mark.parametrize("query", ["show=nonsense", "page=abc", "page=99"])
def test_bad_list_parameters_are_client_errors(client, app, login_as, query):
    message(app)
    login_as("admin")
    assert client.get(f"/admin/messages?{query}").status_code in (400, 404)


def test_admin_marks_a_message_handled(client, app, login_as):
    stored = message(app)
    login_as("admin")
    token = csrf_token(client)
    response = client.post(f"/admin/messages/{stored.id}/handled", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/messages"
    first = handled_at(app, stored.id)
    assert first is not None
    assert "No message to show." in client.get("/admin/messages").get_data(as_text=True)

    client.post(f"/admin/messages/{stored.id}/handled", data={"csrf_token": token})
    assert handled_at(app, stored.id) == first


def test_marking_needs_post_and_a_csrf_token(client, app, login_as):
    stored = message(app)
    login_as("admin")
    assert client.get(f"/admin/messages/{stored.id}/handled").status_code == 405
    assert client.post(f"/admin/messages/{stored.id}/handled").status_code == 400
    assert handled_at(app, stored.id) is None


def test_marking_an_unknown_message_is_not_found(client, login_as):
    login_as("admin")
    token = csrf_token(client)
    response = client.post("/admin/messages/999999/handled", data={"csrf_token": token})
    assert response.status_code == 404


def test_message_list_runs_a_fixed_number_of_queries(client, app, login_as, count_queries):
    login_as("admin")
    message(app)
    client.get("/admin/messages")
    with count_queries() as few:
        client.get("/admin/messages")
    for n in range(20):
        message(app, body=f"Message {n}")
    with count_queries() as many:
        client.get("/admin/messages")
    assert len(many) == len(few)
