"""Two-factor login through requests: the code step of a login, the setup page, new
recovery codes, turning it off, the rate limits, and the rule for administrators and
facilitators."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.accounts import twofactor
from portal.accounts.models import LoginSession, User
from portal.core.extensions import db
from tests import factories
from tests.accounts.helpers import STRONG_PASSWORD, is_logged_in, log_in
from tests.helpers import csrf_token, post_form

WRONG_CODE = "This code is not valid."
SETUP = "/account/two-factor"
STEP = "/auth/two-factor"


def enter_code(client, code: str, path: str = STEP):
    """Answer the code step (the path may carry ?next=)."""
    return client.post(path, data={"code": code, "csrf_token": csrf_token(client, path)})


def logins_of(app, user) -> list[LoginSession]:
    with app.app_context():
        return list(db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)))


def stored(app, user) -> User:
    with app.app_context():
        return db.session.get(User, user.id)


def post_prefixed(client, path: str, prefix: str, data: dict, page: str = SETUP):
    """POST one of the two forms of the status page (their fields carry a prefix)."""
    token = csrf_token(client, page)
    fields = {f"{prefix}-{name}": value for name, value in data.items()}
    return client.post(path, data={f"{prefix}-csrf_token": token, **fields})


@pytest.fixture
def enrolled(member):
    """`member` with two-factor login on; their recovery codes are `member.codes`."""
    member.codes = factories.two_factor(member)
    return member


# --- the code step of a login ------------------------------------------------------


def test_without_two_factor_the_password_is_enough(client, member):
    response = log_in(client, member.email)
    assert response.headers["Location"] == "/"
    assert is_logged_in(client)


def test_the_password_alone_does_not_log_in_when_two_factor_is_on(app, client, enrolled):
    response = log_in(client, enrolled.email)
    assert response.status_code == 302
    assert response.headers["Location"] == STEP
    assert not is_logged_in(client)
    assert logins_of(app, enrolled) == []
    page = client.get(STEP).get_data(as_text=True)
    assert 'autocomplete="one-time-code"' in page


def test_the_right_code_logs_in_with_a_verified_login(app, client, enrolled):
    log_in(client, enrolled.email, remember=True, next="/account/logins")
    response = enter_code(client, factories.totp_code(), f"{STEP}?next=/account/logins")
    assert response.headers["Location"] == "/account/logins"
    assert is_logged_in(client)
    [record] = logins_of(app, enrolled)
    assert record.two_factor_verified and record.is_remembered
    with client.session_transaction() as session:
        assert "two_factor_pending" not in session


def test_a_wrong_code_is_refused_and_the_step_stays(client, enrolled):
    log_in(client, enrolled.email)
    response = enter_code(client, "000000")
    assert response.status_code == 200
    assert WRONG_CODE in response.get_data(as_text=True)
    assert not is_logged_in(client)
    assert enter_code(client, factories.totp_code()).status_code == 302
    assert is_logged_in(client)


def test_a_used_code_is_refused_with_the_same_message(client, enrolled):
    code = factories.totp_code()
    log_in(client, enrolled.email)
    enter_code(client, code)
    post_form(client, "/auth/logout")
    log_in(client, enrolled.email)
    response = enter_code(client, code)
    assert WRONG_CODE in response.get_data(as_text=True)
    assert not is_logged_in(client)
    # The next step's code is fine (the app shows it 30 seconds later).
    assert enter_code(client, factories.totp_code(steps_ahead=1)).status_code == 302


def test_a_recovery_code_logs_in_once_and_says_how_many_are_left(client, enrolled):
    log_in(client, enrolled.email)
    response = enter_code(client, enrolled.codes[0].upper())
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "You used a recovery code: 9 are left." in page
    post_form(client, "/auth/logout")
    log_in(client, enrolled.email)
    assert WRONG_CODE in enter_code(client, enrolled.codes[0]).get_data(as_text=True)


def test_the_step_without_a_password_first_leads_to_the_login(client, enrolled):
    response = client.get(f"{STEP}?next=/account/")
    assert response.headers["Location"] == "/auth/login?next=/account/"
    with client.session_transaction() as session:
        session["two_factor_pending"] = "forged.token.value"
    assert client.get(STEP).headers["Location"] == "/auth/login"
    response = client.post(STEP, data={"code": factories.totp_code()})
    assert response.status_code in (302, 400)  # no valid state, no CSRF: never logged in
    assert not is_logged_in(client)


def test_a_password_reset_between_the_steps_voids_the_first(app, client, enrolled):
    log_in(client, enrolled.email)
    with app.app_context():
        from portal.accounts.passwords import hash_password

        db.session.get(User, enrolled.id).password_hash = hash_password(STRONG_PASSWORD)
        db.session.commit()
    response = client.get(STEP)
    assert response.headers["Location"] == "/auth/login"


def test_an_outside_next_page_is_ignored_after_the_code(client, enrolled):
    log_in(client, enrolled.email, next="https://evil.example/")
    response = enter_code(client, factories.totp_code(), f"{STEP}?next=https://evil.example/")
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("code", ["", "x" * 41, "\x00" * 6, "' OR 1=1 --", "{{7*7}}"])
def test_hostile_codes_answer_normally(client, enrolled, code):
    log_in(client, enrolled.email)
    response = enter_code(client, code)
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_code_attempts_are_limited_per_account_across_addresses(app, enrolled):
    from tests.conftest import english_client

    first, second = english_client(app), english_client(app)
    first.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    second.environ_base["REMOTE_ADDR"] = "198.51.100.2"
    for client in (first, second):
        log_in(client, enrolled.email)
    statuses = [enter_code(first, "000000").status_code for _ in range(5)]
    assert statuses == [200] * 5
    # Another address, same account: the account's budget is spent (5 per minute).
    assert enter_code(second, factories.totp_code()).status_code == 429
    assert not is_logged_in(second)


def test_only_refused_codes_count_against_the_account(client, enrolled):
    log_in(client, enrolled.email)
    assert [enter_code(client, "000000").status_code for _ in range(4)] == [200] * 4
    assert enter_code(client, factories.totp_code()).status_code == 302
    post_form(client, "/auth/logout")
    log_in(client, enrolled.email)
    assert enter_code(client, "000000").status_code == 200  # the fifth refusal
    assert enter_code(client, "000000").status_code == 429


def test_code_attempts_are_limited_per_address(app, client, enrolled):
    app.config["RATELIMIT_AUTH"] = "3 per minute"  # below the per-account 5 per minute
    try:
        log_in(client, enrolled.email)
        statuses = [enter_code(client, "000000").status_code for _ in range(4)]
    finally:
        app.config["RATELIMIT_AUTH"] = "10 per minute;60 per hour"
    assert statuses == [200, 200, 200, 429]


# --- the setup page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", SETUP),
        ("POST", SETUP),
        ("POST", "/account/two-factor/recovery-codes"),
        ("POST", "/account/two-factor/disable"),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login(client, no_csrf, method, path):
    response = client.open(path, method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def secret_on(page: str) -> str:
    match = re.search(r'<code class="totp-secret">([A-Z2-7 ]+)</code>', page)
    assert match, page
    return match.group(1).replace(" ", "")


def test_setup_shows_a_qr_code_and_the_key_kept_until_confirmed(client, signed_in):
    page = client.get(SETUP).get_data(as_text=True)
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in page
    secret = secret_on(page)
    assert secret_on(client.get(SETUP).get_data(as_text=True)) == secret


def test_confirming_with_a_code_turns_it_on_and_shows_the_codes_once(
    app, client, signed_in, outbox
):
    secret = secret_on(client.get(SETUP).get_data(as_text=True))
    wrong = client.post(SETUP, data={"code": "123456", "csrf_token": csrf_token(client, SETUP)})
    assert WRONG_CODE in wrong.get_data(as_text=True)
    assert not stored(app, signed_in).has_two_factor
    response = client.post(
        SETUP,
        data={"code": factories.totp_code(secret), "csrf_token": csrf_token(client, SETUP)},
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    codes = re.findall(
        r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", response.get_data(as_text=True)
    )
    assert len(set(codes)) == 10
    user = stored(app, signed_in)
    with app.app_context():
        assert user.has_two_factor and twofactor.stored_secret(user) == secret
    [record] = logins_of(app, signed_in)
    assert record.two_factor_verified
    [email] = outbox(template="accounts/two_factor_changed")
    assert email["recipient"] == signed_in.email
    status = client.get(SETUP).get_data(as_text=True)
    assert "You have 10 unused recovery codes." in status
    assert codes[0] not in status


def test_the_session_cookie_never_holds_the_key(client, signed_in):
    secret = secret_on(client.get(SETUP).get_data(as_text=True))
    with client.session_transaction() as session:
        assert secret not in repr(dict(session))


def test_the_key_being_set_up_belongs_to_one_account(app, client, login, signed_in):
    first = secret_on(client.get(SETUP).get_data(as_text=True))
    login(client, factories.user())
    assert secret_on(client.get(SETUP).get_data(as_text=True)) != first


def test_new_recovery_codes_need_a_current_code(app, client, login, enrolled):
    login(client, enrolled)
    path = "/account/two-factor/recovery-codes"
    refused = post_prefixed(client, path, "codes", {"code": "000000"})
    assert WRONG_CODE in refused.get_data(as_text=True)
    # A recovery code is not enough to make new ones.
    refused = post_prefixed(client, path, "codes", {"code": enrolled.codes[0]})
    assert refused.status_code == 200 and WRONG_CODE in refused.get_data(as_text=True)
    response = post_prefixed(client, path, "codes", {"code": factories.totp_code()})
    assert response.headers["Cache-Control"] == "no-store"
    new = re.findall(r"<li><code>([a-z2-9-]{11})</code></li>", response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(enrolled.codes)


def test_turning_it_off_needs_the_password_and_a_code(app, client, login, enrolled, outbox):
    login(client, enrolled)
    path = "/account/two-factor/disable"
    code = factories.totp_code()
    wrong_password = post_prefixed(
        client, path, "disable", {"current_password": "nope", "code": code}
    )
    assert "This is not your current password." in wrong_password.get_data(as_text=True)
    wrong_code = post_prefixed(
        client, path, "disable", {"current_password": factories.PASSWORD, "code": "000000"}
    )
    assert WRONG_CODE in wrong_code.get_data(as_text=True)
    assert stored(app, enrolled).has_two_factor
    response = post_prefixed(
        client, path, "disable", {"current_password": factories.PASSWORD, "code": code}
    )
    assert response.headers["Location"] == SETUP
    assert not stored(app, enrolled).has_two_factor
    assert len(outbox(template="accounts/two_factor_changed")) == 1
    post_form(client, "/auth/logout")
    assert log_in(client, enrolled.email).headers["Location"] == "/"  # the password is enough


def test_administrators_cannot_turn_it_off(app, client, login):
    admin = factories.user(role="admin")
    factories.two_factor(admin)
    login(client, admin)
    page = client.get(SETUP).get_data(as_text=True)
    assert "must keep two-factor login on" in page
    assert 'action="/account/two-factor/disable"' not in page
    response = post_prefixed(
        client,
        "/account/two-factor/disable",
        "disable",
        {"current_password": factories.PASSWORD, "code": factories.totp_code()},
    )
    assert response.headers["Location"] == SETUP
    assert stored(app, admin).has_two_factor


def test_pages_of_an_account_without_two_factor_answer_the_actions(client, signed_in, no_csrf):
    for path in ("/account/two-factor/recovery-codes", "/account/two-factor/disable"):
        assert client.post(path, data={}).headers["Location"] == SETUP


# --- required for administrators and facilitators -----------------------------------


def test_a_facilitator_cannot_reach_a_space_before_enrolling(app, client, login):
    facilitator = factories.user()
    space = factories.space()
    factories.membership(space, facilitator, role="facilitator")
    login(client, facilitator, two_factor=False)
    response = client.get(f"/spaces/{space.slug}")
    assert response.headers["Location"] == SETUP
    page = client.get(SETUP).get_data(as_text=True)
    assert "Administrators and facilitators must use two-factor login." in page
    for open_page in ("/confidentialite", "/accessibilite"):
        assert client.get(open_page).status_code == 200
    secret = secret_on(page)
    client.post(
        SETUP, data={"code": factories.totp_code(secret), "csrf_token": csrf_token(client, SETUP)}
    )
    assert client.get(f"/spaces/{space.slug}").status_code == 200


def test_an_administrator_without_two_factor_is_sent_to_the_setup(client, login):
    login(client, factories.user(role="admin"), two_factor=False)
    assert client.get("/admin/").headers["Location"] == SETUP
    assert client.get("/").headers["Location"] == SETUP
    logout = client.post("/auth/logout", data={"csrf_token": csrf_token(client, SETUP)})
    assert logout.headers["Location"] == "/"
    assert not is_logged_in(client)


def test_a_login_that_gave_no_code_asks_for_one_when_two_factor_is_on(app, client, login):
    admin = factories.user(role="admin")
    factories.two_factor(admin)
    login(client, admin, two_factor=False)  # e.g. opened on another device before the setup
    response = client.get("/admin/")
    assert response.headers["Location"] == f"{STEP}?next=/admin/"
    [record] = logins_of(app, admin)
    assert record.ended_at is not None
    enter_code(client, factories.totp_code())
    assert client.get("/admin/").status_code == 200


def test_members_are_not_asked(client, login, member):
    login(client, member, two_factor=False)
    assert client.get("/account/").status_code == 200


def test_the_rule_can_be_turned_off(app, client, login):
    login(client, factories.user(role="admin"), two_factor=False)
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = False
    try:
        assert client.get("/admin/").status_code == 200
    finally:
        app.config["TWO_FACTOR_REQUIRED_ROLES"] = True


def test_a_password_change_keeps_the_login_verified(app, client, login):
    admin = factories.user(role="admin")
    login(client, admin)
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": factories.PASSWORD,
            "password": STRONG_PASSWORD,
            "confirm": STRONG_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
