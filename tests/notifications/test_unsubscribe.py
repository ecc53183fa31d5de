"""Unsubscribe links: one click, no login, no CSRF token, but only with a valid signature."""

from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.core.extensions import db
from portal.notifications.preferences import Category, wants
from portal.notifications.unsubscribe import make_token
from tests import factories

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def token_for(app, user, category=Category.DIGEST) -> str:
    with app.app_context():
        return make_token(user.id, category)


def still_wants(app, user, category=Category.DIGEST) -> bool:
    with app.app_context():
        return wants(db.session.get(User, user.id), category)


def test_one_click_post_works_without_login_or_csrf_token(app, client):
    member = factories.user()
    token = token_for(app, member)
    response = client.post(f"/unsubscribe/{token}", data=ONE_CLICK)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.get_data(as_text=True)
    assert not still_wants(app, member)
    assert still_wants(app, member, Category.REMINDERS)  # only that category stops


@pytest.mark.parametrize("category", [Category.REMINDERS, Category.FORUM, Category.MENTIONS])
def test_each_category_can_be_stopped(app, client, category):
    member = factories.user(notification_preferences={"forum": "immediately"})
    assert still_wants(app, member, category)
    client.post(f"/unsubscribe/{token_for(app, member, category)}", data=ONE_CLICK)
    assert not still_wants(app, member, category)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
        lambda token: token.split(".")[0],
        lambda token: "é" * 300,
    ],
)
def test_a_tampered_or_malformed_token_is_refused_and_changes_nothing(app, client, mangle):
    member = factories.user()
    bad = mangle(token_for(app, member))
    for method in ("GET", "POST"):
        response = client.open(f"/unsubscribe/{bad}", method=method, data=ONE_CLICK)
        assert response.status_code == 404
        assert "not valid" in response.get_data(as_text=True)
    assert still_wants(app, member)


def test_a_token_for_another_category_name_is_refused(app, client):
    from itsdangerous import URLSafeSerializer

    from portal.notifications.unsubscribe import SALT

    forged = URLSafeSerializer(app.config["SECRET_KEY"], salt=SALT).dumps([1, "account"])
    assert client.post(f"/unsubscribe/{forged}", data=ONE_CLICK).status_code == 404


def test_get_shows_the_category_and_a_button_and_changes_nothing(app, client):
    member = factories.user()
    token = token_for(app, member, Category.REMINDERS)
    page = client.get(f"/unsubscribe/{token}").get_data(as_text=True)
    assert "Reminders before my sessions" in page
    assert f'action="/unsubscribe/{token}"' in page
    assert 'href="/account/notifications"' in page
    assert still_wants(app, member, Category.REMINDERS)


def test_the_browser_form_posts_without_a_csrf_token(app, client):
    member = factories.user()
    token = token_for(app, member)
    assert client.post(f"/unsubscribe/{token}").status_code == 200
    assert not still_wants(app, member)


def test_a_deleted_account_gets_the_same_answers(app, client):
    member = factories.user()
    token = token_for(app, member)
    with app.app_context():
        from portal.accounts.personal import delete_account

        delete_account(db.session.get(User, member.id))
        db.session.commit()
    assert client.get(f"/unsubscribe/{token}").status_code == 200
    response = client.post(f"/unsubscribe/{token}", data=ONE_CLICK)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.get_data(as_text=True)


def test_a_user_that_never_existed_gets_the_same_answer(app, client):
    with app.app_context():
        token = make_token(987654, Category.DIGEST)
    response = client.post(f"/unsubscribe/{token}", data=ONE_CLICK)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.get_data(as_text=True)


@pytest.mark.parametrize(("language", "lang"), [("fr", 'lang="fr"'), ("en", 'lang="en"')])
def test_the_pages_answer_in_french_and_english(app, language, lang):
    member = factories.user()
    token = token_for(app, member)
    visitor = app.test_client()
    visitor.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    for response in (
        visitor.get(f"/unsubscribe/{token}"),
        visitor.post(f"/unsubscribe/{token}", data=ONE_CLICK),
        visitor.get("/unsubscribe/forged"),
    ):
        assert lang in response.get_data(as_text=True)
