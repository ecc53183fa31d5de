"""`flask portal create-admin EMAIL`."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.passwords import verify_password
from portal.core.extensions import db
from tests import factories

STRONG = "tilleul vélo grenier 1987 ardoise"


def stored(app, email):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def test_create_admin_refuses_a_weak_password(app, runner):
    result = runner.invoke(
        args=["portal", "create-admin", "boss@example.org", "--password", "password123456"]
    )
    assert result.exit_code != 0
    assert "Password refused" in result.output
    assert stored(app, "boss@example.org") is None


def test_create_admin_refuses_an_invalid_address(app, runner):
    result = runner.invoke(args=["portal", "create-admin", "not-an-email", "--password", STRONG])
    assert result.exit_code != 0
    assert stored(app, "not-an-email") is None


def test_create_admin_asks_again_when_the_two_passwords_differ(app, runner):
    result = runner.invoke(
        args=["portal", "create-admin", "boss@example.org"],
        input=f"{STRONG}\n{STRONG}x\n{STRONG}\n{STRONG}\n",
    )
    assert "do not match" in result.output
    assert result.exit_code == 0, result.output
    assert verify_password(stored(app, "boss@example.org").password_hash, STRONG)


def test_create_admin_gives_up_when_the_passwords_never_match(app, runner):
    result = runner.invoke(
        args=["portal", "create-admin", "boss@example.org"], input=f"{STRONG}\n{STRONG}x\n"
    )
    assert result.exit_code != 0
    assert stored(app, "boss@example.org") is None


def test_create_admin_creates_a_confirmed_admin_asking_the_password_twice(app, runner):
    result = runner.invoke(
        args=["portal", "create-admin", " Boss@Example.org "], input=f"{STRONG}\n{STRONG}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Created the administrator boss@example.org" in result.output
    user = stored(app, "boss@example.org")
    assert user.is_admin and user.is_confirmed
    assert verify_password(user.password_hash, STRONG)


def test_create_admin_with_password_option(app, runner):
    result = runner.invoke(
        args=["portal", "create-admin", "boss@example.org", "--password", STRONG, "--name", "Boss"]
    )
    assert result.exit_code == 0, result.output
    assert stored(app, "boss@example.org").display_name == "Boss"


def test_create_admin_promotes_an_existing_member(app, runner):
    member = factories.user(email="member@example.org")
    result = runner.invoke(args=["portal", "create-admin", "member@example.org"])
    assert result.exit_code == 0, result.output
    assert "is now an administrator" in result.output
    user = stored(app, "member@example.org")
    assert user.is_admin and user.password_hash == member.password_hash


def test_create_admin_refuses_a_deleted_account(app, runner):
    gone = factories.deleted_user()
    result = runner.invoke(args=["portal", "create-admin", gone.email, "--password", STRONG])
    assert result.exit_code != 0
    assert not stored(app, gone.email).is_admin
