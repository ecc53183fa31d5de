"""Two-factor rules without requests: codes and their window, replay, recovery codes,
their hashing, who must use it, the export and the erasure."""

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select

from portal.accounts import twofactor
from tests import factories

#: A fixed moment: unit tests pass `now` and never read the clock.
NOW = datetime(2027, 3, 15, 9, 0, 10, tzinfo=UTC)
SECRET = factories.TOTP_SECRET


def code_at(moment: datetime, secret: str = SECRET) -> str:
    return pyotp.TOTP(secret).at(moment)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def enrolled(ctx):
    """An account with two-factor login on (reloaded in the test's app context)."""
    from portal.accounts.models import User
    from portal.core.extensions import db

    member = factories.user()
    codes = factories.two_factor(member)
    return db.session.get(User, member.id), codes


def test_setup_secrets_derive_from_the_nonce_the_account_and_the_key(app, ctx):
    from portal.accounts.models import User
    from portal.core.extensions import db

    first, second = (db.session.get(User, factories.user().id) for _ in range(2))
    secret = twofactor.setup_secret(first, "nonce")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert twofactor.setup_secret(first, "nonce") == secret
    assert twofactor.setup_secret(first, "other") != secret
    assert twofactor.setup_secret(second, "nonce") != secret


def test_grouped_keys_read_four_by_four():
    assert twofactor.grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"


@pytest.mark.parametrize("offset", [-30, 0, 30])
def test_a_code_of_the_step_before_now_or_after_is_accepted(ctx, offset):
    code = code_at(NOW + timedelta(seconds=offset))
    assert twofactor.matching_step(SECRET, code, NOW) == twofactor.current_step(NOW) + offset // 30


@pytest.mark.parametrize("offset", [-90, -60, 60, 90])
def test_a_code_outside_the_window_is_refused(ctx, offset):
    assert twofactor.matching_step(SECRET, code_at(NOW + timedelta(seconds=offset)), NOW) is None


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "12 34 5x", None, "٣٤٥٦٧٨"])
def test_malformed_codes_are_refused(ctx, typed):
    assert twofactor.matching_step(SECRET, typed, NOW) is None


def test_spaces_in_a_typed_code_are_ignored(ctx):
    code = code_at(NOW)
    assert twofactor.matching_step(SECRET, f" {code[:3]} {code[3:]} ", NOW) is not None


def test_a_code_works_once(enrolled):
    user, _codes = enrolled
    code = code_at(NOW)
    assert twofactor.check_totp(user, code, NOW)
    assert not twofactor.check_totp(user, code, NOW)
    assert not twofactor.check_totp(user, code, NOW + timedelta(seconds=30))


def test_an_older_code_is_refused_after_a_newer_one(enrolled):
    user, _codes = enrolled
    assert twofactor.check_totp(user, code_at(NOW + timedelta(seconds=30)), NOW)
    assert not twofactor.check_totp(user, code_at(NOW), NOW)
    later = NOW + timedelta(seconds=60)
    assert twofactor.check_totp(user, code_at(later), later)


def test_the_used_step_is_stored_so_another_process_refuses_it_too(app, enrolled):
    from portal.accounts.models import User
    from portal.core.extensions import db

    user, _codes = enrolled
    assert twofactor.check_totp(user, code_at(NOW), NOW)
    db.session.commit()
    db.session.expire_all()
    again = db.session.get(User, user.id)
    assert again.totp_last_step == twofactor.current_step(NOW)
    assert not twofactor.check_totp(again, code_at(NOW), NOW)


def test_a_code_of_another_secret_is_refused(enrolled):
    user, _codes = enrolled
    other = pyotp.random_base32()
    assert not twofactor.check_totp(user, code_at(NOW, other), NOW)


def test_enable_needs_a_code_of_the_new_secret_and_spends_it(ctx):
    from portal.accounts.models import User
    from portal.core.extensions import db

    user = db.session.get(User, factories.user().id)
    secret = pyotp.random_base32()
    assert twofactor.enable(user, secret, "000000", NOW) is None
    assert not user.has_two_factor
    codes = twofactor.enable(user, secret, code_at(NOW, secret), NOW)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert user.has_two_factor and user.two_factor_enabled_at == NOW
    assert not twofactor.check_totp(user, code_at(NOW, secret), NOW)  # already spent


def test_recovery_codes_are_stored_as_keyed_hashes_only(enrolled):
    from portal.accounts.models import RecoveryCode
    from portal.core.extensions import db

    user, codes = enrolled
    stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored
    assert twofactor.hash_recovery_code(user, codes[0]) in stored
    # The key is derived from SECRET_KEY, and the hash bound to the account.
    other = factories.user()
    assert twofactor.hash_recovery_code(other, codes[0]) not in stored


def test_a_recovery_code_works_once_in_any_typing(enrolled):
    user, codes = enrolled
    assert twofactor.check_recovery_code(user, f"  {codes[0].upper()} ", NOW)
    assert not twofactor.check_recovery_code(user, codes[0], NOW)
    assert twofactor.check_recovery_code(user, codes[1].replace("-", " "), NOW)
    assert twofactor.recovery_codes_left(user) == 8


def test_a_recovery_code_of_another_account_is_refused(enrolled):
    from portal.accounts.models import User
    from portal.core.extensions import db

    _user, codes = enrolled
    other = db.session.get(User, factories.user().id)
    factories.two_factor(other)
    db.session.refresh(other)
    assert not twofactor.check_recovery_code(other, codes[0], NOW)


def test_check_code_tells_app_codes_from_recovery_codes(enrolled):
    user, codes = enrolled
    app_proof = twofactor.check_code(user, code_at(NOW), NOW)
    assert app_proof and not app_proof.recovery
    recovery_proof = twofactor.check_code(user, codes[3], NOW)
    assert recovery_proof and recovery_proof.recovery
    assert not twofactor.check_code(user, "nonsense", NOW)


def test_new_recovery_codes_replace_the_old_ones(enrolled):
    user, old = enrolled
    new = twofactor.new_recovery_codes(user, NOW)
    assert not set(new) & set(old)
    assert not twofactor.check_recovery_code(user, old[0], NOW)
    assert twofactor.check_recovery_code(user, new[0], NOW)


def test_disable_forgets_the_secret_and_the_codes(enrolled):
    from portal.accounts.models import RecoveryCode
    from portal.core.extensions import db

    user, codes = enrolled
    twofactor.disable(user)
    db.session.flush()
    assert not user.has_two_factor and user.totp_secret_encrypted is None
    assert db.session.scalar(select(RecoveryCode.id)) is None
    assert not twofactor.check_totp(user, code_at(NOW), NOW)
    assert not twofactor.check_recovery_code(user, codes[0], NOW)


def test_required_for_administrators_and_facilitators_only(app, ctx):
    from portal.accounts.models import User
    from portal.core.extensions import db

    admin, member, facilitator = (factories.user(role="admin"), factories.user(), factories.user())
    space = factories.space()
    factories.membership(space, facilitator, role="facilitator")
    factories.membership(space, member)
    required = {u.id: twofactor.is_required(db.session.get(User, u.id)) for u in (admin, member)}
    assert required == {admin.id: True, member.id: False}
    assert twofactor.is_required(db.session.get(User, facilitator.id))
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = False
    try:
        assert not twofactor.is_required(db.session.get(User, admin.id))
    finally:
        app.config["TWO_FACTOR_REQUIRED_ROLES"] = True


def test_qr_code_is_inline_svg_with_an_accessible_name(ctx):
    from portal.accounts.models import User
    from portal.core.extensions import db

    user = db.session.get(User, factories.user(email="qr@example.org").id)
    uri = twofactor.provisioning_uri(user, SECRET)
    assert uri.startswith("otpauth://totp/Maillage:qr%40example.org?secret=" + SECRET)
    svg = str(twofactor.qr_code_svg(uri, 'Scan "me" <now>'))
    assert svg.startswith('<svg role="img" aria-label="Scan &#34;me&#34; &lt;now&gt;"')
    assert "<script" not in svg and "href" not in svg


def test_the_export_says_since_when_but_never_the_secret(app, enrolled):
    from portal.core.personal_data import export_sections

    user, codes = enrolled
    profile = export_sections(user)["profile"]
    assert profile["two_factor_enabled_since"] == user.two_factor_enabled_at.isoformat()
    text = repr(export_sections(user))
    assert SECRET not in text and codes[0] not in text


def test_deleting_the_account_erases_the_secret_and_the_codes(app, enrolled):
    from portal.accounts.models import RecoveryCode
    from portal.accounts.personal import delete_account
    from portal.core.extensions import db

    user, _codes = enrolled
    delete_account(user)
    db.session.commit()
    assert user.totp_secret_encrypted is None and user.two_factor_enabled_at is None
    assert user.totp_last_step is None
    assert db.session.scalar(select(RecoveryCode.id)) is None


def test_seed_demo_enrols_the_demo_administrator_and_facilitators(app, runner):
    from portal.accounts.demo import DEMO_TOTP_SECRET
    from portal.accounts.models import User
    from portal.core.extensions import db

    result = runner.invoke(args=["portal", "seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Two-factor login of admin@example.org: turned on." in result.output
    assert f"Demo two-factor secret (add it to an authenticator app): {DEMO_TOTP_SECRET}" in (
        result.output
    )
    with app.app_context():
        enrolled = {
            user.email
            for user in db.session.scalars(select(User))
            if twofactor.stored_secret(user) == DEMO_TOTP_SECRET and user.has_two_factor
        }
    assert {"admin@example.org", "facilitatrice@example.org"} <= enrolled
    assert "membre@example.org" not in enrolled
    again = runner.invoke(args=["portal", "seed-demo"])
    assert "Two-factor login of admin@example.org: already on." in again.output


def test_reset_two_factor_command_turns_it_off_and_ends_the_logins(app, runner):
    from portal.accounts.models import LoginSession, User
    from portal.core.extensions import db

    admin = factories.user(role="admin", email="lost.phone@example.org")
    factories.two_factor(admin)
    factories.login_record(admin)
    result = runner.invoke(args=["portal", "reset-two-factor", "Lost.Phone@example.org"])
    assert result.exit_code == 0, result.output
    assert "Two-factor login is off for lost.phone@example.org" in result.output
    with app.app_context():
        assert not db.session.get(User, admin.id).has_two_factor
        assert db.session.scalar(select(LoginSession.ended_at)) is not None
    again = runner.invoke(args=["portal", "reset-two-factor", admin.email])
    assert "does not use two-factor login" in again.output
    unknown = runner.invoke(args=["portal", "reset-two-factor", "nobody@example.org"])
    assert unknown.exit_code != 0
