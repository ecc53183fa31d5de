"""Test builders: `factories.user(role="admin")`, `factories.organisation(...)`.

Each builder works with or without an active app context: it commits, then
returns the object detached with its columns loaded, so a test can read
`user.id` or `user.email` between requests. Each domain adds its builders
in its own section below.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager

from flask import has_app_context

APP = None  # set by conftest's `app` fixture
PASSWORD = "correct horse battery staple 42"  # noqa: S105 - test only
_sequence = itertools.count(1)


@contextmanager
def context():
    """Reuse the current app context, or push one for the duration of the build."""
    if has_app_context():
        yield
    else:
        with APP.app_context():
            yield


def save(obj):
    """Commit `obj` and hand it back detached with its columns loaded."""
    from portal.core.extensions import db

    db.session.add(obj)
    db.session.commit()
    db.session.refresh(obj)
    db.session.expunge(obj)
    return obj


def next_number() -> int:
    """A number unique within the test session."""
    return next(_sequence)


# --- accounts -----------------------------------------------------------------


def user(
    *,
    email: str | None = None,
    display_name: str | None = None,
    password: str = PASSWORD,
    role: str = "member",
    confirmed: bool = True,
    locale: str = "fr",
    **fields,
):
    """A user, confirmed by default, with the shared test password."""
    from werkzeug.security import generate_password_hash

    from portal.accounts.models import User
    from portal.core.db import utcnow

    n = next_number()
    with context():
        return save(
            User(
                email=(email or f"user{n}@example.org").lower(),
                display_name=display_name or f"Member {n}",
                password_hash=generate_password_hash(password),
                role=role,
                locale=locale,
                email_confirmed_at=utcnow() if confirmed else None,
                privacy_accepted_at=utcnow(),
                **fields,
            )
        )


# --- alliance -----------------------------------------------------------------
