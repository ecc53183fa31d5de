"""The preferences page: who may open it, what it accepts, what it stores; bounce warnings."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.bounces import is_bouncing, record_hard_bounce
from portal.notifications.preferences import preferences_of
from tests import factories
from tests.helpers import csrf_token, post_form

PAGE = "/account/notifications"


def choices(**fields) -> dict:
    data = {
        "session_reminders": "y",
        "session_changes": "y",
        "catchups": "y",
        "mentions": "y",
        "digest": "weekly",
        "digest_weekday": "0",
        "forum": "digest",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def stored(app, member) -> dict:
    with app.app_context():
        return preferences_of(db.session.get(User, member.id))


def bounce(app, address, times=3):
    with app.app_context():
        for _ in range(times):
            record_hard_bounce(address, "550 5.1.1 No such user", utcnow())
        db.session.commit()


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", PAGE), ("POST", PAGE), ("POST", f"{PAGE}/address-works")],
)
def test_anonymous_visitor_is_sent_to_login(client, method, path):
    data = {} if method == "GET" else {"csrf_token": csrf_token(client)}
    response = client.open(path, method=method, data=data)
    assert response.status_code == 302
    assert response.location.startswith("/auth/login?next=")
    assert quote(path, safe="") in response.location


def test_the_page_shows_the_current_choices(client, login_as):
    login_as(notification_preferences={"digest": "daily", "catchups": False})
    page = client.get(PAGE).get_data(as_text=True)
    assert 'checked id="digest-1" name="digest"' in page
    assert 'id="catchups"' in page and 'checked id="catchups"' not in page
    assert '<option selected value="0">Monday</option>' in page  # the default weekday


def test_saving_stores_every_choice_and_keeps_other_keys(app, client, login_as):
    member = login_as(notification_preferences={"unsubscribed": ["x"]})
    response = post_form(
        client,
        PAGE,
        choices(
            session_reminders=None,
            catchups=None,
            digest="weekly",
            digest_weekday="4",
            forum="immediately",
        ),
    )
    assert response.status_code == 302 and response.location == PAGE
    saved = stored(app, member)
    assert saved["session_reminders"] is False and saved["catchups"] is False
    assert saved["session_changes"] is True and saved["mentions"] is True
    assert (saved["digest"], saved["digest_weekday"], saved["forum"]) == (
        "weekly",
        4,
        "immediately",
    )
    assert saved["unsubscribed"] == ["x"]
    assert "Your email preferences are saved." in client.get(PAGE).get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"digest": "hourly"}, "Not a valid choice"),
        ({"digest": None}, "Choose how often"),
        ({"forum": "x" * 500}, "Not a valid choice"),
        ({"forum": None}, "Choose how"),
        ({"digest_weekday": "7"}, "Not a valid choice"),
        ({"digest_weekday": "monday"}, "Invalid Choice"),
        ({"digest_weekday": "-1"}, "Not a valid choice"),
    ],
)
def test_invalid_values_give_a_form_error(app, client, login_as, fields, message):
    member = login_as()
    before = stored(app, member)
    response = post_form(client, PAGE, choices(**fields))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert stored(app, member) == before


def test_the_csrf_token_is_required(app, client, login_as):
    member = login_as()
    response = client.post(PAGE, data=choices(digest="never"))
    assert response.status_code == 400
    assert stored(app, member)["digest"] == "weekly"


def test_a_bouncing_address_is_warned_on_both_pages_and_can_be_reset(app, client, login_as):
    member = login_as(email="typo@example.org")
    for path in (PAGE, "/account/"):
        assert "refused by the receiving server" not in client.get(path).get_data(as_text=True)
    bounce(app, "typo@example.org")
    for path in (PAGE, "/account/"):
        page = client.get(path).get_data(as_text=True)
        assert "Emails to typo@example.org are refused by the receiving server" in page
        assert "My address works again" in page
    response = post_form(client, f"{PAGE}/address-works", {"back": "profile"})
    assert response.location == "/account/"
    with app.app_context():
        assert not is_bouncing(member.email)
    assert "refused by the receiving server" not in client.get("/account/").get_data(as_text=True)


def test_the_reset_only_touches_the_members_own_address(app, client, login_as):
    login_as()
    bounce(app, "someone-else@example.org")
    response = post_form(client, f"{PAGE}/address-works", {"back": "https://evil.example"})
    assert response.location == PAGE  # unknown destinations fall back to the page
    with app.app_context():
        assert is_bouncing("someone-else@example.org")


def test_a_new_address_starts_without_bounces(app):
    member = factories.user(email="old@example.org")
    bounce(app, "old@example.org")
    with app.app_context():
        user = db.session.get(User, member.id)
        user.email = "new@example.org"
        db.session.commit()
        from portal.notifications.guards import blocked_reason

        assert blocked_reason(user, utcnow()) is None


def test_changing_the_digest_reschedules_it(app, client, login_as):
    from portal.digests.models import DigestSchedule

    member = login_as(timezone="Europe/Paris")

    def schedule():
        with app.app_context():
            row = db.session.get(DigestSchedule, member.id)
            return row and row.next_due_at

    post_form(client, PAGE, choices(digest="weekly", digest_weekday="2"))
    wednesday = schedule()
    assert wednesday is not None and wednesday.weekday() == 2
    post_form(client, PAGE, choices(digest="never"))
    assert schedule() is None
