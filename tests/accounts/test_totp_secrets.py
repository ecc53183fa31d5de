"""Authenticator secrets encrypted at rest: what is stored, key rotation, a key gone missing."""

import logging
from datetime import UTC, datetime

import pyotp
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from portal import ConfigurationError, create_app
from portal.accounts import totp_cipher, twofactor
from tests import factories
from tests.accounts.helpers import is_logged_in, log_in
from tests.helpers import csrf_token

NOW = datetime(2027, 3, 15, 9, 0, 10, tzinfo=UTC)
SECRET = factories.TOTP_SECRET
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def code_at(moment: datetime = NOW, secret: str = SECRET) -> str:
    return pyotp.TOTP(secret).at(moment)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def use_keys(app, monkeypatch):
    """Set TOTP_ENCRYPTION_KEYS for one test (the app is shared by the session)."""

    def use(keys: str | None) -> None:
        monkeypatch.setitem(app.config, "TOTP_ENCRYPTION_KEYS", keys)

    return use


@pytest.fixture
def enrolled(ctx):
    """An account with two-factor login on, reloaded in the test's app context."""
    from portal.accounts.models import User
    from portal.core.extensions import db

    member = factories.user()
    codes = factories.two_factor(member)
    return db.session.get(User, member.id), codes


def column_value(user) -> str:
    """What a database dump shows of the user's secret."""
    from portal.core.extensions import db

    return db.session.execute(
        text("SELECT totp_secret FROM users WHERE id = :id"), {"id": user.id}
    ).scalar_one()


def test_the_database_holds_a_token_never_the_secret(enrolled):
    user, _codes = enrolled
    stored = column_value(user)
    assert stored.startswith("gAAAA") and SECRET not in stored
    assert twofactor.stored_secret(user) == SECRET
    assert twofactor.check_totp(user, code_at(), NOW)


def test_enable_stores_the_secret_encrypted(ctx):
    from portal.accounts.models import User
    from portal.core.extensions import db

    user = db.session.get(User, factories.user().id)
    assert twofactor.enable(user, SECRET, code_at(), NOW) is not None
    db.session.flush()
    assert column_value(user) != SECRET
    assert twofactor.stored_secret(user) == SECRET


def test_each_encryption_differs_and_opens_to_the_same_secret(app, ctx):
    first, second = (totp_cipher.encrypt(app.config, SECRET) for _ in range(2))
    assert first != second
    assert totp_cipher.decrypt(app.config, first) == totp_cipher.decrypt(app.config, second)


def test_the_first_key_encrypts_and_every_key_decrypts(app, enrolled, use_keys):
    user, _codes = enrolled
    use_keys(OLD_KEY)
    twofactor.store_secret(user, SECRET)
    assert Fernet(OLD_KEY).decrypt(user.totp_secret_encrypted.encode()) == SECRET.encode()
    use_keys(f"{NEW_KEY}, {OLD_KEY}")
    assert twofactor.check_totp(user, code_at(), NOW)
    assert twofactor.reencrypt_secrets() == []
    assert Fernet(NEW_KEY).decrypt(user.totp_secret_encrypted.encode()) == SECRET.encode()
    use_keys(NEW_KEY)  # the old key can go once everything is encrypted again
    assert twofactor.stored_secret(user) == SECRET


def test_the_key_derived_from_secret_key_still_opens_secrets_once_a_key_is_set(enrolled, use_keys):
    user, _codes = enrolled  # encrypted with the derived key (no TOTP_ENCRYPTION_KEYS)
    use_keys(NEW_KEY)
    assert twofactor.stored_secret(user) == SECRET
    twofactor.reencrypt_secrets()
    assert Fernet(NEW_KEY).decrypt(user.totp_secret_encrypted.encode()) == SECRET.encode()


def test_an_undecryptable_secret_fails_the_code_check_and_is_logged(enrolled, use_keys, caplog):
    user, codes = enrolled
    use_keys(OLD_KEY)
    twofactor.store_secret(user, SECRET)
    use_keys(NEW_KEY)  # the key that encrypted it was lost
    with caplog.at_level(logging.ERROR, logger="portal.accounts.totp_cipher"):
        assert not twofactor.check_totp(user, code_at(), NOW)
    assert f"two-factor secret of user {user.id} cannot be decrypted" in caplog.text
    assert SECRET not in caplog.text
    assert user.has_two_factor  # still required: a lost key never turns it off
    assert twofactor.check_code(user, codes[0], NOW)  # a recovery code still works


def test_changing_secret_key_needs_the_old_derived_key_pinned(app, enrolled, monkeypatch):
    user, _codes = enrolled
    pinned = totp_cipher.derived_key(app.config["SECRET_KEY"]).decode()
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key")
    assert twofactor.stored_secret(user) is None
    monkeypatch.setitem(app.config, "TOTP_ENCRYPTION_KEYS", pinned)
    assert twofactor.stored_secret(user) == SECRET


def test_disable_forgets_the_token(enrolled):
    user, _codes = enrolled
    twofactor.disable(user)
    assert user.totp_secret_encrypted is None and twofactor.stored_secret(user) is None


def test_reencrypting_reports_the_secrets_no_key_opens(ctx, use_keys):
    from portal.accounts.models import User
    from portal.core.extensions import db

    lost, kept = (db.session.get(User, factories.user().id) for _ in range(2))
    use_keys(OLD_KEY)
    twofactor.store_secret(lost, SECRET)
    use_keys(NEW_KEY)
    twofactor.store_secret(kept, SECRET)
    before = lost.totp_secret_encrypted
    db.session.flush()
    assert twofactor.reencrypt_secrets() == [lost]
    assert lost.totp_secret_encrypted == before  # left as it was, for a later key


# --- through a request: a lost key never answers 500 ----------------------------------


def test_a_login_whose_secret_cannot_be_decrypted_is_refused_not_crashed(
    app, client, member, use_keys
):
    use_keys(OLD_KEY)
    codes = factories.two_factor(member)
    use_keys(NEW_KEY)
    log_in(client, member.email)
    path = "/auth/two-factor"
    response = client.post(
        path, data={"code": factories.totp_code(), "csrf_token": csrf_token(client, path)}
    )
    assert response.status_code == 200
    assert "This code is not valid." in response.get_data(as_text=True)
    assert not is_logged_in(client)
    response = client.post(path, data={"code": codes[0], "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302 and is_logged_in(client)


# --- configuration and commands -------------------------------------------------------


def test_a_malformed_key_stops_the_start(database_url):
    with pytest.raises(ConfigurationError, match="TOTP_ENCRYPTION_KEYS: key 2"):
        create_app(
            "testing",
            overrides={
                "SQLALCHEMY_DATABASE_URI": database_url,
                "TOTP_ENCRYPTION_KEYS": f"{NEW_KEY},not-a-key",
            },
        )


def test_new_totp_key_prints_a_usable_key(app, runner):
    result = runner.invoke(args=["portal", "new-totp-key"])
    assert result.exit_code == 0, result.output
    Fernet(result.output.strip())  # raises if it is not a key
    derived = runner.invoke(args=["portal", "new-totp-key", "--derived"])
    assert derived.output.strip() == totp_cipher.derived_key(app.config["SECRET_KEY"]).decode()


def test_the_reencrypt_command_rotates_and_names_what_it_cannot_open(app, runner, use_keys):
    from portal.accounts.models import User
    from portal.core.extensions import db

    use_keys(OLD_KEY)
    member, lost = factories.user(), factories.user(email="lost@example.org")
    factories.two_factor(member)
    use_keys(NEW_KEY)
    factories.two_factor(lost)
    use_keys(f"{NEW_KEY},{OLD_KEY}")
    with app.app_context():  # lose the key of `lost` only: encrypt it under a stranger's key
        account = db.session.get(User, lost.id)
        account.totp_secret_encrypted = Fernet(Fernet.generate_key()).encrypt(b"X").decode()
        db.session.commit()
    result = runner.invoke(args=["portal", "reencrypt-totp-secrets"])
    assert result.exit_code == 1
    assert "lost@example.org" in result.output and member.email not in result.output
    use_keys(NEW_KEY)
    with app.app_context():
        account = db.session.scalar(select(User).where(User.id == member.id))
        assert twofactor.stored_secret(account) == SECRET
