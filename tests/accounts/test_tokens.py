"""Emailed links: signed per purpose, time-limited, and dead once used."""

from __future__ import annotations

import time

import pytest

from portal.accounts import services, tokens
from portal.accounts.models import User
from portal.accounts.passwords import hash_password
from portal.core.extensions import db
from tests import factories


@pytest.fixture
def ctx(app):
    """A request context: services render emails with url_for."""
    with app.test_request_context():
        yield
        db.session.rollback()


def account(member_id: int) -> User:
    return db.session.get(User, member_id)


def test_tampered_token_is_refused(ctx):
    token = tokens.make_token(tokens.CONFIRM, {"uid": 1, "email": "a@example.org"})
    for forged in (token[:-2] + "xx", "x" + token, "", "x" * 600, "not.a.token"):
        with pytest.raises(tokens.InvalidToken) as caught:
            tokens.read_token(tokens.CONFIRM, forged)
        assert not caught.value.expired


def test_token_for_one_purpose_does_not_serve_another(ctx):
    token = tokens.make_token(tokens.CONFIRM, {"uid": 1, "email": "a@example.org"})
    with pytest.raises(tokens.InvalidToken):
        tokens.read_token(tokens.RESET, token)
    with pytest.raises(tokens.InvalidToken):
        tokens.read_token(tokens.CHANGE_EMAIL, token)


def test_token_signed_with_another_key_is_refused(app, ctx, monkeypatch):
    token = tokens.make_token(tokens.RESET, {"uid": 1, "fp": "x"})
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key")
    with pytest.raises(tokens.InvalidToken):
        tokens.read_token(tokens.RESET, token)


def test_expired_token_says_it_expired(app, ctx, monkeypatch):
    from datetime import timedelta

    token = tokens.make_token(tokens.RESET, {"uid": 1, "fp": "x"})
    monkeypatch.setitem(app.config, "RESET_TOKEN_MAX_AGE", timedelta(seconds=1))
    assert tokens.read_token(tokens.RESET, token)["uid"] == 1
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 5)
    with pytest.raises(tokens.InvalidToken) as caught:
        tokens.read_token(tokens.RESET, token)
    assert caught.value.expired


def test_payload_without_a_user_id_is_refused(ctx):
    token = tokens.make_token(tokens.CONFIRM, {"email": "a@example.org"})
    with pytest.raises(tokens.InvalidToken):
        tokens.read_token(tokens.CONFIRM, token)


def test_reset_token_is_single_use(ctx):
    member = factories.user()
    user = account(member.id)
    token = tokens.make_token(
        tokens.RESET, {"uid": user.id, "fp": tokens.password_fingerprint(user.password_hash)}
    )
    assert services.user_for_reset(token) is user
    services.reset_password(token, "cerisier brouette minuit 2741 lanterne")
    with pytest.raises(tokens.InvalidToken):
        services.user_for_reset(token)


def test_reset_token_of_a_deleted_account_is_refused(ctx):
    gone = factories.deleted_user()
    token = tokens.make_token(
        tokens.RESET, {"uid": gone.id, "fp": tokens.password_fingerprint(None)}
    )
    with pytest.raises(tokens.InvalidToken):
        services.user_for_reset(token)


def test_fingerprint_changes_with_the_password_and_hides_the_hash(ctx):
    first, second = hash_password("one password"), hash_password("one password")
    assert tokens.password_fingerprint(first) != tokens.password_fingerprint(second)
    assert tokens.password_fingerprint(first) not in first
    assert tokens.same_fingerprint(first, tokens.password_fingerprint(first))
    assert not tokens.same_fingerprint(first, None)


def test_confirmation_token_dies_when_the_address_changes(ctx):
    member = factories.user(confirmed=False)
    token = tokens.make_token(tokens.CONFIRM, {"uid": member.id, "email": member.email})
    account(member.id).email = "other@example.org"
    with pytest.raises(tokens.InvalidToken):
        services.confirm_email(token)


def test_confirmation_token_confirms_once(ctx):
    member = factories.user(confirmed=False)
    token = tokens.make_token(tokens.CONFIRM, {"uid": member.id, "email": member.email})
    assert services.confirm_email(token)[1] is True
    assert services.confirm_email(token)[1] is False


def test_email_change_token_is_single_use(ctx):
    member = factories.user()
    payload = {"uid": member.id, "from": member.email, "to": "new@example.org"}
    token = tokens.make_token(tokens.CHANGE_EMAIL, payload)
    assert services.confirm_email_change(token).email == "new@example.org"
    with pytest.raises(tokens.InvalidToken):
        services.confirm_email_change(token)
