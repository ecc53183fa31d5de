"""Header injection and oversized input: subjects flattened, addresses validated."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from portal.core.extensions import db
from portal.notifications.models import OutboxEmail
from portal.notifications.sanitize import clean_header, clean_subject, normalise_address
from portal.notifications.services import enqueue, unique_key

HOSTILE_SUBJECTS = [
    "x\r\nBcc: evil@example.org",
    "x\nBcc: evil@example.org",
    "x\rBcc: evil@example.org",
    "x\u2028Bcc: evil@example.org",
    "x\x00\x0bBcc: evil@example.org",
]


def queue(subject="Test", to="ally@example.org", headers=None):
    return enqueue(
        to=to,
        template="notifications/test",
        subject=subject,
        dedupe_key=unique_key("test"),
        locale="en",
        headers=headers,
    )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Hello\r\nBcc: x@y", "Hello Bcc: x@y"),
        ("  two   spaces\t\tand tabs ", "two spaces and tabs"),
        ("Réunion à 9 h", "Réunion à 9 h"),
    ],
)
def test_header_values_become_one_line(raw, clean):
    assert clean_header(raw) == clean


def test_long_subjects_are_cut_with_an_ellipsis():
    subject = clean_subject("é" * 1000)
    assert len(subject) == 250 and subject.endswith("…")
    assert clean_subject("short") == "short"


@pytest.mark.parametrize(
    "address",
    [
        "not-an-address",
        "a@b",
        "x\r\nBcc: evil@example.org",
        "two@example.org, evil@example.org",
        "@example.org",
        "a" * 250 + "@example.org",
        None,
        "",
    ],
)
def test_invalid_addresses_are_refused(address):
    assert normalise_address(address) is None


def test_addresses_are_normalised():
    assert normalise_address("Camille@Example.ORG") == "Camille@example.org"


def test_an_invalid_address_writes_nothing_and_raises_nothing(app, caplog):
    with app.app_context(), caplog.at_level(logging.WARNING):
        assert queue(to="x\r\nBcc: evil@example.org") is None
        db.session.commit()
        assert db.session.scalar(select(func.count(OutboxEmail.id))) == 0
    assert "invalid address" in caplog.text


def test_extra_headers_are_cleaned_and_bad_names_dropped(app):
    with app.app_context():
        email = queue(headers={"X-Note": "a\r\nBcc: evil@example.org", "Bad\nName": "v"})
        assert email.headers == {"X-Note": "a Bcc: evil@example.org"}


@pytest.mark.parametrize("subject", HOSTILE_SUBJECTS)
def test_a_hostile_subject_reaches_one_recipient_without_a_bcc(app, smtp_server, subject):
    with app.app_context():
        email = queue(subject=subject)
        db.session.commit()
        assert "\n" not in email.subject and "\r" not in email.subject
        from portal.notifications.delivery import deliver_due

        assert deliver_due().sent == 1
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["ally@example.org"]
    [message] = smtp_server.messages()
    assert message["Bcc"] is None
    assert "evil@example.org" not in (message["To"] or "")
    assert message["Subject"].startswith("x")
