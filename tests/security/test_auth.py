"""Attacks on logging in: throttling, session rotation, open redirects, enumeration.

Already proven in tests/accounts, not repeated here:
- per-address throttling of every auth form: test_login.py::test_the_eleventh_attempt_in_a_minute_is_refused
- logout ends the login, replayed cookies refused: test_login.py::test_logout_ends_the_login_and_a_replayed_session_cookie_is_refused,
  test_remember_me_cookie_is_refused_after_logout
- password change ends every other login and refuses old cookies:
  test_password_and_email.py::test_password_change_ends_other_logins_and_keeps_this_browser
- reset links are single-use: test_reset.py::test_reset_link_received_by_mail_works_once_and_ends_every_login,
  test_tokens.py::test_reset_token_is_single_use
- same message for unknown address and wrong password: test_login.py::test_unknown_email_gets_the_same_message_as_a_wrong_password;
  reset and register: test_reset.py::test_unknown_address_gets_the_same_answer_and_no_email,
  test_register.py::test_new_and_duplicate_registrations_look_the_same
"""  # noqa: E501

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.accounts.helpers import STRONG_PASSWORD, is_logged_in, log_in
from tests.helpers import csrf_token, post_form

WRONG = "not the right password at all"


def from_address(client, ip: str):
    """Make `client` come from `ip` (the limiter keys on the remote address)."""
    client.environ_base["REMOTE_ADDR"] = ip
    return client


# --- throttling ---------------------------------------------------------------------


def test_guessing_one_accounts_password_from_many_addresses_is_throttled(app, client):
    """A botnet spreads its guesses over addresses: the account itself is throttled too."""
    member = factories.user()
    statuses = []
    for n in range(12):
        attacker = from_address(app.test_client(), f"198.51.100.{n + 1}")
        statuses.append(log_in(attacker, member.email, WRONG).status_code)
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}, statuses
    # Even the right password is refused now (the attacker cannot tell it was right),
    # from any address; another account is not affected.
    late = from_address(app.test_client(), "198.51.100.99")
    assert log_in(late, member.email).status_code == 429
    assert not is_logged_in(late)
    other = factories.user()
    bystander = from_address(app.test_client(), "203.0.113.9")
    assert log_in(bystander, other.email).status_code == 302


def test_successful_logins_do_not_count_against_the_account(app):
    member = factories.user()
    for n in range(8):
        browser = from_address(app.test_client(), f"192.0.2.{n + 1}")
        assert log_in(browser, member.email).status_code == 302


def test_guessing_many_accounts_from_one_address_is_throttled(app, client):
    """Password spraying: one address, a different account per guess."""
    people = [factories.user() for _ in range(11)]
    token = csrf_token(client)
    statuses = [
        client.post(
            "/auth/login", data={"csrf_token": token, "email": p.email, "password": WRONG}
        ).status_code
        for p in people
    ]
    assert 429 not in statuses[:10]
    assert statuses[10] == 429


# --- sessions -----------------------------------------------------------------------


def test_login_rotates_the_session_cookie(app, client):
    member = factories.user()
    client.get("/auth/login")
    before = client.get_cookie("session").value
    assert log_in(client, member.email).status_code == 302
    after = client.get_cookie("session").value
    assert after != before
    # The cookie from before the login, replayed, is not logged in.
    replay = app.test_client()
    replay.set_cookie("session", before)
    assert not is_logged_in(replay)


def test_a_planted_session_is_not_adopted_at_login(app, client):
    """Session fixation: a cookie the attacker planted before the login must not be the one
    that ends up logged in (the login record's token is new and only in the victim's cookie)."""
    member = factories.user()
    attacker = app.test_client()
    attacker.get("/auth/login")
    planted = attacker.get_cookie("session").value
    client.set_cookie("session", planted)
    log_in(client, member.email)
    assert is_logged_in(client)
    assert not is_logged_in(attacker)


def test_a_forged_session_naming_a_user_id_is_refused(app):
    """The cookie holds a login record's random token, never a guessable user id."""
    member = factories.user()
    forger = app.test_client()
    with forger.session_transaction() as session:
        session["_user_id"] = str(member.id)
    assert not is_logged_in(forger)


def test_password_change_ends_the_login_of_another_browser(app, as_viewer):
    member = factories.user()
    laptop, phone = as_viewer(member), as_viewer(member)
    response = post_form(
        laptop,
        "/account/password",
        {
            "current_password": factories.PASSWORD,
            "password": STRONG_PASSWORD,
            "confirm": STRONG_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)


# --- open redirects -----------------------------------------------------------------

OFF_SITE = [
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http://evil.example/account/",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https:evil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "https%3A%2F%2Fevil.example",
    "%68ttps://evil.example",
    " //evil.example",
    "\t//evil.example",
    "//evil.example%00",
    "/\x00//evil.example",
    "http://localhost@evil.example/",
    "http://evil.example\\@localhost/",
    "http:/\\/evil.example",
    "/ /evil.example",
]


def lands_on_site(location: str) -> bool:
    """A redirect that stays here: a path (not protocol-relative) or this host."""
    from urllib.parse import urlsplit

    parts = urlsplit(location.strip())
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "localhost"
    return location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_with_an_off_site_next_lands_on_this_site(app, client, target):
    member = factories.user()
    response = log_in(client, member.email, next=target)
    assert response.status_code == 302
    assert lands_on_site(response.location), response.location
    # Already logged in, the login page forwards at once: same rule.
    again = client.get("/auth/login", query_string={"next": target})
    assert again.status_code == 302
    assert lands_on_site(again.location), again.location


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_login_page_never_links_or_posts_off_site(client, target):
    page = client.get("/auth/login", query_string={"next": target}).get_data(as_text=True)
    assert not re.search(r'(href|action|src|formaction)="[^"]*evil\.example', page)
    assert not re.search(r'(href|action|src|formaction)="\s*(javascript|data):', page, re.I)


@pytest.mark.parametrize("target", OFF_SITE[:8])
def test_register_keeps_no_off_site_next_for_after_the_confirmation(client, target):
    """register?next= is kept in the session and followed once the address is confirmed."""
    client.get("/auth/register", query_string={"next": target})
    with client.session_transaction() as session:
        assert "after_confirmation" not in session


# --- enumeration through timing -----------------------------------------------------


@pytest.fixture
def hash_calls(monkeypatch):
    """Count the calls of the password hash (scrypt) functions: the slow, telling part."""
    from portal.accounts import passwords

    calls = []
    for name in ("check_password_hash", "generate_password_hash"):
        real = getattr(passwords, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(passwords, name, counted)
    return calls


def test_login_hashes_once_for_known_unknown_and_deleted_addresses(app, client, hash_calls):
    from portal.accounts import services

    member = factories.user()
    with app.app_context():  # the dummy hash of unknown addresses is made once per process
        services.authenticate("warm-up@example.org", WRONG)
    gone = factories.deleted_user()
    counts = {}
    for label, email in (("known", member.email), ("unknown", "nobody@example.org")):
        hash_calls.clear()
        response = log_in(client, email, WRONG)
        counts[label] = (response.status_code, list(hash_calls))
    hash_calls.clear()
    log_in(client, gone.email, WRONG)
    counts["deleted"] = (200, list(hash_calls))
    assert counts["known"] == counts["unknown"] == counts["deleted"]
    assert counts["known"][1] == ["check_password_hash"]


def test_registering_hashes_once_for_new_and_taken_addresses(client, hash_calls, outbox):
    member = factories.user()
    counts = []
    for email in (member.email, "newcomer@example.org"):
        hash_calls.clear()
        response = post_form(
            client,
            "/auth/register",
            {
                "email": email,
                "display_name": "Camille",
                "password": STRONG_PASSWORD,
                "confirm": STRONG_PASSWORD,
                "accept_privacy": "y",
            },
        )
        counts.append((response.status_code, response.location, list(hash_calls)))
    assert counts[0] == counts[1]
    assert counts[0][2] == ["generate_password_hash"]


@pytest.mark.parametrize("path", ["/auth/reset", "/auth/confirm/resend"])
def test_email_me_a_link_forms_answer_alike_and_hash_nothing(client, hash_calls, outbox, path):
    member = factories.user(confirmed=False)
    answers = []
    for email in (member.email, "nobody@example.org"):
        response = post_form(client, path, {"email": email})
        answers.append((response.status_code, response.location))
    assert answers[0] == answers[1] == (302, "/auth/check-inbox")
    assert hash_calls == []
