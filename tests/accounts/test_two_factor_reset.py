"""Resetting someone's two-factor login (lost phone and codes): the one service behind
`flask portal reset-two-factor` and the administrators' people pages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts import services
from portal.accounts.models import LoginSession, RecoveryCode, User
from portal.core.extensions import db
from portal.notifications.models import OutboxEmail
from tests import factories


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def test_a_reset_forgets_the_secret_and_codes_ends_the_logins_and_tells_the_owner(ctx):
    person = factories.user(locale="fr")
    factories.two_factor(person)
    factories.login_record(person)
    factories.login_record(person)
    user = db.session.get(User, person.id)
    assert services.reset_two_factor(user) is True
    db.session.commit()
    assert not user.has_two_factor and user.totp_last_step is None
    assert db.session.scalar(select(RecoveryCode.id)) is None
    ended = db.session.scalars(select(LoginSession.ended_at)).all()
    assert len(ended) == 2 and None not in ended
    [email] = db.session.scalars(select(OutboxEmail)).all()
    assert email.template == "accounts/two_factor_reset" and email.locale == "fr"
    assert email.is_essential and email.category == "account"
    assert "/auth/login" in email.body_text


@pytest.mark.parametrize("deleted", [False, True])
def test_nothing_happens_without_two_factor_login(ctx, deleted):
    person = factories.deleted_user() if deleted else factories.user()
    if not deleted:
        factories.login_record(person)
    user = db.session.get(User, person.id)
    assert services.reset_two_factor(user) is False
    assert db.session.scalar(select(OutboxEmail.id)) is None
    assert db.session.scalar(select(LoginSession.ended_at)) is None


def test_the_command_resets_through_the_same_service_and_emails_the_owner(app, runner, outbox):
    person = factories.user(email="lost.phone@example.org")
    factories.two_factor(person)
    result = runner.invoke(args=["portal", "reset-two-factor", "lost.phone@example.org"])
    assert result.exit_code == 0, result.output
    [email] = outbox(template="accounts/two_factor_reset")
    assert email["recipient"] == "lost.phone@example.org"
    again = runner.invoke(args=["portal", "reset-two-factor", "lost.phone@example.org"])
    assert "does not use two-factor login" in again.output
    assert len(outbox()) == 1
