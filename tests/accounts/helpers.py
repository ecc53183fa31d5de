"""Helpers of the accounts tests: log in through the form, read links from received mail."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.factories import PASSWORD
from tests.helpers import post_form

STRONG_PASSWORD = "tilleul vélo grenier 1987 ardoise"  # noqa: S105 - test only
LINK = re.compile(r"https?://\S+")


def log_in(client, email: str, password: str = PASSWORD, *, remember: bool = False, **extra):
    """Submit the login form as a browser would."""
    data = {"email": email, "password": password, **extra}
    if remember:
        data["remember"] = "y"
    return post_form(client, "/auth/login", data)


def text_part(message) -> str:
    """The plain-text part of a received email."""
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message) -> str:
    """The HTML part of a received email."""
    return message.get_body(preferencelist=("html",)).get_content()


def link_path(message, fragment: str) -> str:
    """The path of the first link containing `fragment` in the text part of `message`."""
    for url in LINK.findall(text_part(message)):
        if fragment in url:
            return urlsplit(url).path
    raise AssertionError(f"no link with {fragment!r} in:\n{text_part(message)}")


def received(smtp_server, deliver, to: str | None = None) -> list:
    """Deliver the outbox to the test SMTP server; the messages it holds (for `to`)."""
    deliver()
    messages = smtp_server.messages()
    if to is not None:
        messages = [m for m in messages if m["To"] == to]
    return messages


def is_logged_in(client) -> bool:
    """Whether `client`'s cookies open the profile (rather than redirecting to login)."""
    return client.get("/account/").status_code == 200
