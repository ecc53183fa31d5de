"""What the account views share: opening a login for this browser, describing a browser."""

from __future__ import annotations

import re

from flask import request, session
from flask_babel import gettext as _
from flask_login import login_user

from portal.accounts import bp
from portal.accounts.logins import open_login
from portal.accounts.models import LoginSession, User

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


def start_login(user: User, remember: bool) -> LoginSession:
    """Open a server-side login for this browser and put it in the session (caller commits)."""
    login = open_login(
        user,
        remember=remember,
        user_agent=request.user_agent.string,
        ip_address=request.remote_addr or "",
    )
    login_user(user, remember=remember)
    # Without "remember me", the cookie lives as long as the idle timeout, renewed per request.
    session.permanent = not remember
    return login


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
