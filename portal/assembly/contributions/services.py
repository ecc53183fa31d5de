"""Writing, supporting and answering contributions. The phase rules are checked here, in
the caller's transaction, not only by the views.

Supports of a merged contribution move to the one it was merged into, except those of
people who already support it (one support per person): the target counts each person once.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.assembly.contributions import hooks
from portal.assembly.contributions.constants import ANSWERS, MERGED, NOT_RETAINED, OPEN
from portal.assembly.contributions.models import Contribution, ContributionSupport
from portal.assembly.contributions.permissions import consultation_open
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.markdown import render_markdown
from portal.experiences.constants import FUNDAMENTALS
from portal.experiences.themes import themes_by_keys


class ContributionError(ValueError):
    """A refused change; its message is translated, for the person who asked."""


def _phase_open(edition, now: datetime | None) -> None:
    """Refuse a change outside the consultation phase."""
    if not consultation_open(edition, now):
        raise ContributionError(_l("The consultation of this assembly is not open."))


def signed_organisations(user) -> list[Organisation]:
    """The organisations `user` signed the charter for (validated), by name."""
    mine = select(Signature.organisation_id).where(
        Signature.signer_id == user.id, Signature.status == SignatureStatus.VALIDATED.value
    )
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.id.in_(mine)).order_by(Organisation.name)
        )
    )


def _fill(contribution: Contribution, *, title, body, fundamental, theme_keys) -> None:
    """Copy the written fields, the body through the Markdown sanitizer."""
    if fundamental not in FUNDAMENTALS:
        raise ContributionError(_l("Choose one of the four fundamentals."))
    contribution.title = title
    contribution.body = body
    contribution.body_html = str(render_markdown(body, heading_offset=2))
    contribution.fundamental = fundamental
    contribution.themes = themes_by_keys(list(theme_keys or []))


def submit(
    edition,
    author,
    *,
    title: str,
    body: str,
    fundamental: str,
    theme_keys=(),
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> Contribution:
    """A new contribution, individually or on behalf of an organisation the author signed
    for, with its comment thread."""
    _phase_open(edition, now)
    if organisation is not None and organisation.id not in {
        o.id for o in signed_organisations(author)
    }:
        raise ContributionError(_l("You may only contribute for an organisation you signed for."))
    contribution = Contribution(
        edition_id=edition.id,
        author_id=author.id,
        organisation_id=organisation.id if organisation is not None else None,
        state=OPEN,
    )
    _fill(contribution, title=title, body=body, fundamental=fundamental, theme_keys=theme_keys)
    db.session.add(contribution)
    db.session.flush()
    contribution.thread_id = hooks.open_thread(contribution, author)
    return contribution


def edit(
    contribution: Contribution,
    *,
    title: str,
    body: str,
    fundamental: str,
    theme_keys=(),
    now: datetime | None = None,
) -> None:
    """Change a contribution while the phase is open and it is not answered."""
    _phase_open(contribution.edition, now)
    if contribution.is_answered:
        raise ContributionError(_l("An answered contribution can no longer be changed."))
    _fill(contribution, title=title, body=body, fundamental=fundamental, theme_keys=theme_keys)
    hooks.rename_thread(contribution)


def supports(contribution: Contribution, user) -> bool:
    """Whether `user` supports `contribution`."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    ContributionSupport.contribution_id == contribution.id,
                    ContributionSupport.user_id == user.id,
                )
            )
        )
    )


def support(contribution: Contribution, user, now: datetime | None = None) -> bool:
    """Support a contribution; False when `user` already did (the database keeps one)."""
    _phase_open(contribution.edition, now)
    if contribution.is_merged:
        raise ContributionError(_l("This contribution was merged: support the one it joined."))
    if supports(contribution, user):
        return False
    try:
        with db.session.begin_nested():  # a double click racing this one: keep the first
            db.session.add(ContributionSupport(contribution_id=contribution.id, user_id=user.id))
    except IntegrityError:
        return False
    return True


def withdraw_support(contribution: Contribution, user, now: datetime | None = None) -> bool:
    """Withdraw one's support until the phase closes; False when there was none."""
    _phase_open(contribution.edition, now)
    result = db.session.execute(
        delete(ContributionSupport).where(
            ContributionSupport.contribution_id == contribution.id,
            ContributionSupport.user_id == user.id,
        )
    )
    return bool(result.rowcount)


def move_supports(source: Contribution, target: Contribution) -> None:
    """The source's supports follow it into the target, each person once."""
    already = select(ContributionSupport.user_id).where(
        ContributionSupport.contribution_id == target.id
    )
    db.session.execute(
        delete(ContributionSupport).where(
            ContributionSupport.contribution_id == source.id,
            ContributionSupport.user_id.in_(already),
        )
    )
    db.session.execute(
        update(ContributionSupport)
        .where(ContributionSupport.contribution_id == source.id)
        .values(contribution_id=target.id)
    )


def merge_targets(contribution: Contribution) -> list[Contribution]:
    """The contributions of its edition it may be merged into (not merged themselves)."""
    return list(
        db.session.scalars(
            select(Contribution)
            .where(
                Contribution.edition_id == contribution.edition_id,
                Contribution.id != contribution.id,
                Contribution.state != MERGED,
            )
            .order_by(Contribution.title, Contribution.id)
        )
    )


def answer(
    contribution: Contribution,
    by,
    *,
    state: str,
    reason: str = "",
    merged_into: Contribution | None = None,
    now: datetime | None = None,
) -> None:
    """Administrators' answer: retained, merged into another (supports follow), or not
    retained with the reason. The author and the supporters are emailed."""
    from portal.assembly.contributions import emails

    if state not in ANSWERS:
        raise ContributionError(_l("Choose an answer."))
    if contribution.is_merged:
        raise ContributionError(_l("A merged contribution keeps its answer."))
    if state == NOT_RETAINED and not reason.strip():
        raise ContributionError(_l("Give the reason why it is not retained."))
    if state == MERGED:
        valid = {c.id for c in merge_targets(contribution)}
        if merged_into is None or merged_into.id not in valid:
            raise ContributionError(_l("Choose the contribution it is merged into."))
    # Told before the supports move: the source's supporters hear about their support.
    told = emails.recipients(contribution)
    contribution.state = state
    contribution.answer = reason.strip()
    contribution.merged_into_id = merged_into.id if state == MERGED else None
    contribution.answered_at = (now or utcnow()).replace(microsecond=0)
    contribution.answered_by_id = by.id
    if state == MERGED:
        move_supports(contribution, merged_into)
        contribution.merged_into = merged_into
    db.session.flush()
    emails.tell_answer(contribution, told)


def contribution_for_thread(thread_id: int) -> Contribution | None:
    """The contribution whose comments are thread `thread_id`, or None (core asks, for
    every post of a page: the answer is kept for the request, so it costs one query)."""
    from flask import g, has_app_context

    query = select(Contribution).where(Contribution.thread_id == thread_id)
    if not has_app_context():
        return db.session.scalar(query)
    cache = g.setdefault("_contribution_threads", {})
    if thread_id not in cache:
        cache[thread_id] = db.session.scalar(query)
    return cache[thread_id]


def load(edition, contribution_id: int) -> Contribution | None:
    """A contribution of `edition` by id with what its page shows, or None."""
    return db.session.scalar(
        select(Contribution)
        .where(Contribution.id == contribution_id, Contribution.edition_id == edition.id)
        .options(
            joinedload(Contribution.author),
            joinedload(Contribution.organisation),
            joinedload(Contribution.merged_into),
            selectinload(Contribution.themes),
        )
    )
