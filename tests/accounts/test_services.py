"""Account services called directly, as a CLI or another domain would."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts import services
from portal.accounts.models import User
from portal.core.extensions import db
from portal.notifications.models import OutboxEmail
from tests import factories

STRONG = "tilleul vélo grenier 1987 ardoise"


@pytest.fixture
def ctx(app):
    """A request context: services render emails with url_for."""
    with app.test_request_context():
        yield
        db.session.rollback()


def emails() -> list[OutboxEmail]:
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))


def test_normalize_email_trims_and_lowers():
    assert services.normalize_email("  Camille@Example.ORG \n") == "camille@example.org"
    assert services.normalize_email(None) == ""


def test_register_refuses_a_taken_address_and_tells_its_owner(ctx):
    owner = factories.user(email="camille@example.org", locale="en")
    created = services.register(
        email=" CAMILLE@example.org", display_name="Someone", password=STRONG, locale="fr"
    )
    assert created is None
    assert db.session.scalar(select(func.count(User.id))) == 1
    [email] = emails()
    assert (email.recipient, email.template, email.locale) == (
        owner.email,
        "accounts/already_registered",
        "en",
    )


def test_register_writes_nothing_without_the_callers_commit(ctx):
    services.register(email="new@example.org", display_name="New", password=STRONG, locale="fr")
    db.session.rollback()
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert emails() == []


def test_register_creates_the_account_and_the_confirmation_in_one_transaction(ctx):
    user = services.register(
        email="new@example.org", display_name=" New ", password=STRONG, locale="en"
    )
    db.session.commit()
    assert (user.email, user.display_name, user.locale) == ("new@example.org", "New", "en")
    [email] = emails()
    assert email.template == "accounts/confirm" and email.user_id == user.id


def test_authenticate_refuses_wrong_unknown_and_deleted(ctx):
    member = factories.user()
    gone = factories.deleted_user()
    assert services.authenticate(member.email, "wrong password here") is None
    assert services.authenticate("nobody@example.org", STRONG) is None
    assert services.authenticate(gone.email, "") is None
    assert services.authenticate(member.email, factories.PASSWORD).id == member.id


def test_resend_confirmation_only_for_unconfirmed_active_accounts(ctx):
    confirmed = factories.user()
    unconfirmed = factories.user(confirmed=False)
    for email in (confirmed.email, unconfirmed.email, "nobody@example.org"):
        services.resend_confirmation(email)
    assert [e.recipient for e in emails()] == [unconfirmed.email]


def test_set_password_ends_every_login_and_sends_a_notice(ctx):
    member = factories.user()
    records = [factories.login_record(member) for _ in range(2)]
    user = db.session.get(User, member.id)
    services.set_password(user, STRONG)
    db.session.commit()
    assert all(db.session.get(type(r), r.id).ended_at for r in records)
    assert [e.template for e in emails()] == ["accounts/password_changed"]


def test_update_profile_leaves_the_email_preferences_alone(ctx):
    member = factories.user()
    user = db.session.get(User, member.id)
    user.notification_preferences = {**user.notification_preferences, "unsubscribed": ["x"]}
    before = dict(user.notification_preferences)
    services.update_profile(
        user,
        display_name=" Camille ",
        organisation_id=None,
        locale="en",
        timezone="Europe/Paris",
    )
    db.session.commit()
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.display_name == "Camille"
    assert user.notification_preferences == before  # notifications.preferences owns them
