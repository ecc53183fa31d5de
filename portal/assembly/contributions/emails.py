"""Telling a contribution's author and supporters how administrators answered it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.models import User
from portal.assembly.contributions.models import ContributionSupport
from portal.core.extensions import db
from portal.notifications.services import enqueue


def recipients(contribution) -> list[User]:
    """The author and the supporters (each once, deleted accounts left out), by id."""
    ids = set(
        db.session.scalars(
            select(ContributionSupport.user_id).where(
                ContributionSupport.contribution_id == contribution.id
            )
        )
    )
    if contribution.author_id is not None:
        ids.add(contribution.author_id)
    if not ids:
        return []
    people = db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))
    return [p for p in people if not p.is_deleted]


def tell_answer(contribution, people: list[User]) -> None:
    """Email each of `people` the answer, in their language; the dedupe key names the
    contribution, this answer (its time) and the person, so a retry never emails twice."""
    stamp = int(contribution.answered_at.timestamp())
    for person in people:
        enqueue(
            to=person.email,
            template="assembly/contribution_answer",
            subject=_l("Your contribution “%(title)s” was answered", title=contribution.title)
            if person.id == contribution.author_id
            else _l(
                "The contribution “%(title)s” you support was answered",
                title=contribution.title,
            ),
            dedupe_key=(
                f"assembly-contribution-answer:{contribution.id}:{contribution.state}:"
                f"{stamp}:{person.id}"
            ),
            locale=person.locale or "fr",
            user_id=person.id,
            context={
                "contribution": contribution,
                "edition": contribution.edition,
                "person": person,
                "is_author": person.id == contribution.author_id,
            },
        )
