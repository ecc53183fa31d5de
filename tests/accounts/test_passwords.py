"""Password rules: length, zxcvbn's score, and passwords built from personal details."""

from __future__ import annotations

import hashlib

import pytest
from flask_babel import force_locale

from portal.accounts import passwords
from portal.accounts.passwords import hash_password, password_problem, verify_password

EMAIL = "camille.martin@example.org"
NAME = "Camille Martin"
LONGEST = hashlib.sha512(b"maillage").hexdigest()  # 128 characters, nothing to guess


def problem(app, password: str, *details: str) -> str | None:
    """The refusal message in English, or None."""
    with app.test_request_context(), force_locale("en"):
        found = password_problem(password, *details)
        return None if found is None else str(found)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("a" * 11, "at least 12 characters"),
        ("", "at least 12 characters"),
        (LONGEST + "x", "at most 128 characters"),
        ("password123456", "commonly used password"),
        ("aaaaaaaaaaaaaa", 'Repeats like "aaa"'),
        ("maillage2026maillage", "built from your name, your email address or the portal's name"),
        ("Maillage-Transitions-2026", "built from your name"),
        (EMAIL, "built from your name"),
        ("camillemartin1985", "built from your name"),
        ("Martin Camille 2024!", "built from your name"),
    ],
)
def test_refused_passwords(app, password, message):
    assert message in problem(app, password, EMAIL, NAME)


@pytest.mark.parametrize(
    "password",
    [
        "tilleul vélo grenier 1987 ardoise",
        "correct horse battery staple 42",
        "maillage2026maillage#Zq8w",  # the portal's name plus a real secret part
        LONGEST,
    ],
)
def test_accepted_passwords(app, password):
    assert problem(app, password, EMAIL, NAME) is None


def test_zxcvbn_feedback_goes_through_our_translated_catalog(app):
    """The refusal is our lazy msgid, rendered in the page language, not zxcvbn's English."""
    with app.test_request_context():
        found = password_problem("password123456")
    assert found is passwords.FEEDBACK["This is similar to a commonly used password."]
    with app.test_request_context(), force_locale("fr"):
        assert str(found)


def test_unknown_zxcvbn_feedback_falls_back_to_a_generic_message(app, monkeypatch):
    monkeypatch.setattr(
        passwords,
        "zxcvbn",
        lambda *a, **k: {"score": 1, "sequence": [], "feedback": {"warning": "Something new."}},
    )
    assert "too easy to guess" in problem(app, "whatever it is here")


def test_hash_is_salted_and_verifies(app):
    first, second = hash_password("tilleul vélo"), hash_password("tilleul vélo")
    assert first != second
    assert verify_password(first, "tilleul vélo")
    assert not verify_password(first, "tilleul velo")


def test_erased_account_and_overlong_input_never_verify(app):
    assert not verify_password(None, "anything")
    assert not verify_password(hash_password("x" * 128), "x" * 129)
    assert not verify_password(hash_password("abc"), "")


def test_personal_words_split_email_and_name(app):
    words = passwords.personal_words(EMAIL, NAME)
    assert {"camille", "martin", "example", "maillage", EMAIL} <= set(words)
