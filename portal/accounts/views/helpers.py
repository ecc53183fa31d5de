"""What the account views share: opening a login for this browser (in one step, or two
with a code), describing a browser."""

from __future__ import annotations

import re

from flask import request, session
from flask_babel import gettext as _
from flask_login import login_user

from portal.accounts import bp, tokens
from portal.accounts.logins import open_login
from portal.accounts.models import LoginSession, User
from portal.core.extensions import db

#: Session key of the signed proof that the password step of a two-step login passed.
PENDING = "two_factor_pending"

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def start_login(user: User, remember: bool, two_factor: bool = False) -> LoginSession:
    """Open a server-side login for this browser and put it in the session (caller commits).

    `two_factor`: the person also gave a code (or keeps a login that had), see twofactor.py.
    """
    login = open_login(
        user,
        remember=remember,
        user_agent=request.user_agent.string,
        ip_address=request.remote_addr or "",
        two_factor=two_factor,
    )
    login_user(user, remember=remember)
    # Without "remember me", the cookie lives as long as the idle timeout, renewed per request.
    session.permanent = not remember
    return login


def begin_second_step(user: User, *, remember: bool) -> None:
    """Remember in the session that `user` passed the password step (not logged in yet)."""
    session[PENDING] = tokens.make_token(
        tokens.TWO_FACTOR_LOGIN,
        {
            "uid": user.id,
            "remember": bool(remember),
            "fp": tokens.password_fingerprint(user.password_hash),
        },
    )


def pending_payload() -> dict | None:
    """The signed payload of the password step, if present, authentic and fresh."""
    token = session.get(PENDING)
    if not isinstance(token, str):
        return None
    try:
        return tokens.read_token(tokens.TWO_FACTOR_LOGIN, token)
    except tokens.InvalidToken:
        return None


def pending_login() -> tuple[User, bool] | None:
    """(user, remember) of a password step still valid for this browser, else None."""
    payload = pending_payload()
    if payload is None:
        return None
    user = db.session.get(User, payload["uid"])
    if (
        user is None
        or not user.is_active
        or not user.has_two_factor
        or not tokens.same_fingerprint(user.password_hash, payload.get("fp"))
    ):
        return None
    return user, bool(payload.get("remember"))


@bp.app_template_filter("browser")
def describe_browser(user_agent: str | None) -> str:
    """ "Firefox on Linux" from a User-Agent header; the raw header when unknown."""
    user_agent = user_agent or ""
    browser = next((name for key, name in _BROWSERS if key in user_agent), None)
    system = next((name for key, name in _SYSTEMS if key in user_agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    if browser or system:
        return browser or system
    return re.sub(r"\s+", " ", user_agent)[:60] or _("Unknown browser")
