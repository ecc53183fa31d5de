"""Server-side login records: what makes a session or remember-me cookie valid.

Flask-Login keeps only an opaque token in the cookie (`User.get_id()` returns it).
The token's SHA-256 names a `LoginSession` row; the user loader accepts the
cookie only while that row is open and, without "remember me", recently used.
Ending the row (logout, password change, "end this login" on the profile)
makes every copy of the cookie worthless.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from portal.accounts.models import LoginSession, User
from portal.core.db import utcnow, write_transaction
from portal.core.extensions import db

#: Do not write `last_seen_at` on every request; once a minute is precise enough.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    """SHA-256 hex of a login token."""
    return hashlib.sha256(token.encode()).hexdigest()


def open_login(
    user: User,
    *,
    remember: bool,
    user_agent: str = "",
    ip_address: str = "",
    two_factor: bool = False,
) -> LoginSession:
    """Create a login record for `user` and attach it as the current login.

    `two_factor`: the login passed a second factor (a code), as the rule for
    administrators and facilitators asks (views/twofactor.py).
    """
    token = secrets.token_urlsafe(32)
    login = LoginSession(
        user=user,
        token_hash=hash_token(token),
        is_remembered=remember,
        two_factor_verified=two_factor,
        user_agent=(user_agent or "")[:300],
        ip_address=(ip_address or "")[:45],
    )
    login.raw_token = token
    db.session.add(login)
    user.current_login = login
    return login


def is_expired(login: LoginSession, now) -> bool:
    """Whether a login has ended or timed out."""
    if login.ended_at is not None:
        return True
    if login.is_remembered:
        return now - login.created_at > current_app.config["REMEMBER_COOKIE_DURATION"]
    return now - login.last_seen_at > current_app.config["SESSION_IDLE_TIMEOUT"]


def load_login(token: str) -> User | None:
    """Return the user of an open login record, touching its last-seen time."""
    if not token or len(token) > 100:
        return None
    from portal.accounts import twofactor

    # With its user, and whether two-factor login is required of them (members are
    # asked on every request, see require_two_factor): one query instead of three.
    found = db.session.execute(
        select(LoginSession, twofactor.facilitates_a_space(LoginSession.user_id))
        .options(joinedload(LoginSession.user))
        .where(LoginSession.token_hash == hash_token(token))
    ).first()
    login = found[0] if found else None
    now = utcnow()
    if login is None or is_expired(login, now) or not login.user.is_active:
        return None
    login.user.facilitates_a_space = bool(found[1])
    if now - login.last_seen_at >= LAST_SEEN_RESOLUTION:
        # A write after this request's read: in a writer's transaction (SQLite, see core.db).
        write_transaction()
        login.last_seen_at = now
        db.session.commit()
    login.raw_token = token
    login.user.current_login = login
    return login.user


def end_login(login: LoginSession) -> None:
    """End one login record."""
    if login.ended_at is None:
        login.ended_at = utcnow()


def end_all_logins(user: User, *, except_login: LoginSession | None = None) -> int:
    """End every open login of `user` (but `except_login`); returns how many."""
    query = (
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    if except_login is not None and except_login.id is not None:
        query = query.where(LoginSession.id != except_login.id)
    return db.session.execute(query).rowcount


def active_logins(user: User) -> list[LoginSession]:
    """The open, unexpired logins of `user`, newest first."""
    now = utcnow()
    logins = db.session.scalars(
        select(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .order_by(LoginSession.last_seen_at.desc())
    )
    return [login for login in logins if not is_expired(login, now)]
