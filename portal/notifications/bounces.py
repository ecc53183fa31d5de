"""Hard bounces: counting permanent refusals per address, and forgiving them.

An address refused for good MAIL_BOUNCE_LIMIT times gets no more optional mail:
sending on would hurt the portal's reputation with the receiving servers. Essential
mail (a password reset) still goes, since it is how the member repairs the account.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from portal.core.extensions import db
from portal.notifications.models import MailBounce

_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def bounce_limit() -> int:
    """Hard bounces after which optional mail to an address stops."""
    return current_app.config["MAIL_BOUNCE_LIMIT"]


def record_hard_bounce(address: str, error: str, now: datetime) -> None:
    """Count one permanent refusal of `address`.

    One INSERT … ON CONFLICT statement, so two workers bouncing the same address at
    once both count, without a race between reading and writing the counter.
    """
    insert = _UPSERTS[db.engine.dialect.name]
    values = {
        "address": address.lower(),
        "hard_bounces": 1,
        "last_bounce_at": now,
        "last_error": error[:2000],
    }
    statement = insert(MailBounce).values(**values)
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=[MailBounce.address],
            set_={
                "hard_bounces": MailBounce.hard_bounces + 1,
                "last_bounce_at": statement.excluded.last_bounce_at,
                "last_error": statement.excluded.last_error,
            },
        )
    )


def bouncing_among(addresses) -> set[str]:
    """The addresses (lower-case) among `addresses` that reached the bounce limit."""
    wanted = {address.lower() for address in addresses if address}
    if not wanted:
        return set()
    return set(
        db.session.scalars(
            select(MailBounce.address).where(
                MailBounce.address.in_(wanted), MailBounce.hard_bounces >= bounce_limit()
            )
        )
    )


def is_bouncing(address: str | None) -> bool:
    """Whether `address` reached the bounce limit."""
    return bool(address) and bool(bouncing_among([address]))


def bounce_of(address: str | None) -> MailBounce | None:
    """The bounce record of `address` when it reached the limit (for the warnings)."""
    if not address:
        return None
    return db.session.scalar(
        select(MailBounce).where(
            MailBounce.address == address.lower(), MailBounce.hard_bounces >= bounce_limit()
        )
    )


def reset_bounces(address: str) -> bool:
    """Forget the bounces of `address` ("it works again"); False when there were none."""
    result = db.session.execute(
        delete(MailBounce)
        .where(MailBounce.address == address.lower())
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)
