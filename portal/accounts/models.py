"""Users and their server-side login records."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db

# The email choices belong to the email engine (below accounts); imported from here too.
from portal.notifications.preferences import (  # noqa: F401
    DigestFrequency,
    ForumDelivery,
    sign_up_preferences,
)


class Role(enum.StrEnum):
    """Alliance-wide role; space roles (facilitator, member) live on memberships."""

    MEMBER = "member"
    ADMIN = "admin"


def default_notification_preferences() -> dict:
    """Preferences of a new member: the email engine owns the defaults."""
    return sign_up_preferences()


class User(UserMixin, db.Model):
    """A person with an account on the portal."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lower-cased; unique. A deleted account gets a placeholder that can never receive mail.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    #: scrypt hash (werkzeug); None for an erased account.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.MEMBER.value)
    #: Publishes or declines the resources allies share (portal.materials.sharing), like
    #: administrators; granted by them from the person's admin page.
    is_library_editor: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: The organisation the member says they belong to (profile), not a signature.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    notification_preferences: Mapped[dict] = mapped_column(
        JSON, default=default_notification_preferences
    )
    #: When the address was confirmed by the emailed link; None until then.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: When the member accepted the privacy notice at registration.
    privacy_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Set when the member deleted their account: personal data erased, contributions kept.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Secret of the personal calendar feed (used by the meetings domain).
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: The secret shared with the authenticator app, encrypted (a Fernet token, column
    #: "totp_secret"); None while two-factor login is off. Read and written only through
    #: twofactor.store_secret/stored_secret, which encrypt and decrypt it (totp_cipher.py).
    totp_secret_encrypted: Mapped[str | None] = mapped_column("totp_secret", String(255))
    #: When two-factor login was turned on; None while it is off.
    two_factor_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The last 30-second time step whose code was accepted: a code is good once (twofactor.py).
    totp_last_step: Mapped[int | None] = mapped_column()

    organisation: Mapped[Organisation | None] = relationship(  # noqa: F821
        "Organisation", foreign_keys=[organisation_id]
    )
    logins: Mapped[list[LoginSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="LoginSession.created_at"
    )
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="RecoveryCode.id"
    )

    # The login record of the current request, set by the user loader (not a column).
    current_login = None

    def get_id(self) -> str:
        """Flask-Login stores the login record's token, never the user id alone."""
        if self.current_login is None or self.current_login.raw_token is None:
            raise RuntimeError("User.get_id() needs a login record; use accounts.login()")
        return self.current_login.raw_token

    @property
    def is_admin(self) -> bool:
        """Whether the user administers the alliance."""
        return self.role == Role.ADMIN.value and self.deleted_at is None

    @property
    def has_two_factor(self) -> bool:
        """Whether logging in asks for a code from the authenticator app after the password."""
        return self.two_factor_enabled_at is not None and self.totp_secret_encrypted is not None

    @property
    def is_confirmed(self) -> bool:
        """Whether the email address was confirmed."""
        return self.email_confirmed_at is not None

    @property
    def is_deleted(self) -> bool:
        """Whether the account was deleted (shown as "former member")."""
        return self.deleted_at is not None

    @property
    def is_active(self) -> bool:
        """Deleted accounts can never log in."""
        return self.deleted_at is None

    @property
    def public_name(self) -> str:
        """The name shown next to contributions."""
        if self.is_deleted:
            from flask_babel import gettext as _

            return _("Former member")
        return self.display_name

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class LoginSession(db.Model):
    """One login of one user on one browser: what makes a session cookie valid.

    Only the SHA-256 of the token is stored, so a database leak does not leak
    usable cookies. Ending a login (logout, password change, "end this login")
    sets `ended_at`, and the cookie holding its token is refused from then on.
    """

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Whether the login was made with "remember me" (no idle expiry, long cookie).
    is_remembered: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Whether this login passed the second factor (a code), so the two-factor rule is met.
    two_factor_verified: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: Browser description shown on the profile, truncated.
    user_agent: Mapped[str] = mapped_column(Text, default="")
    ip_address: Mapped[str] = mapped_column(String(45), default="")

    user: Mapped[User] = relationship(back_populates="logins")

    # The clear token, known only in the request that created or presented it (not a column).
    raw_token = None


class RecoveryCode(db.Model):
    """A single-use code that replaces the authenticator app once (phone lost or broken).

    Only a keyed hash is stored (twofactor.hash_recovery_code): the clear codes are
    shown once, when they are made.
    """

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: When the code was spent; a used code never works again.
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="recovery_codes")
