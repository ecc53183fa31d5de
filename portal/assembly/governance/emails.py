"""Allies are told by email when a phase of an edition opens (category "assembly").

`schedule_phase_emails(now)` is a scheduler of notifications.schedulers: for each phase
that opened within PHASE_HORIZON before `now`, one email per ally (a validated signature of
their own or for an organisation, a confirmed and living account), dedupe key
`assembly-phase:{edition}:{phase}:{user}`: running it twice writes nothing twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select

from portal.accounts.models import User
from portal.alliance.models import Signature, SignatureStatus
from portal.assembly.constants import PHASES
from portal.assembly.models import AssemblyEdition
from portal.core.extensions import db
from portal.meetings.times import format_moment
from portal.notifications.preferences import Category
from portal.notifications.schedulers import chunks, forget, written_keys
from portal.notifications.services import enqueue_for_user

#: How long after a phase opens its email is still news (a worker down longer sends none).
PHASE_HORIZON = timedelta(hours=48)
BATCH = 200


def phase_key(edition_id: int, phase: str, user_id: int) -> str:
    """The dedupe key of one phase email."""
    return f"assembly-phase:{edition_id}:{phase}:{user_id}"


def opened_phases(now: datetime) -> list[tuple[AssemblyEdition, str]]:
    """(edition, phase) for each phase that opened within the horizon and is still open."""
    since = now - PHASE_HORIZON
    columns = [
        AssemblyEdition.consultation_opens_at,
        AssemblyEdition.evaluation_opens_at,
        AssemblyEdition.vote_opens_at,
        AssemblyEdition.results_at,
    ]
    query = select(AssemblyEdition).where(or_(*[column.between(since, now) for column in columns]))
    found = []
    for edition in db.session.scalars(query.order_by(AssemblyEdition.year)):
        for phase in PHASES:
            opens_at, _closes_at = edition.window(phase)
            if opens_at is not None and since <= opens_at <= now and edition.is_open(phase, now):
                found.append((edition, phase))
    return found


def allies_query():
    """Confirmed, living accounts with a validated signature, in id order."""
    signed = exists().where(
        Signature.signer_id == User.id, Signature.status == SignatureStatus.VALIDATED.value
    )
    return (
        select(User)
        .where(User.deleted_at.is_(None), User.email_confirmed_at.is_not(None), signed)
        .order_by(User.id)
    )


def _subject(edition: AssemblyEdition, phase: str):
    """The subject (lazy: rendered in the recipient's language)."""
    return _l("%(title)s: the %(phase)s phase is open", title=edition.title, phase=PHASES[phase])


def _closing(edition: AssemblyEdition, phase: str, user) -> str:
    """When `phase` closes, in the words and zone of `user` ("" if it never closes)."""
    _opens_at, closes_at = edition.window(phase)
    if closes_at is None:
        return ""
    return format_moment(closes_at, user.timezone, user.locale or "fr")


def schedule_phase_emails(now: datetime) -> int:
    """Enqueue the emails of the phases that just opened; how many were written."""
    written = 0
    for edition, phase in opened_phases(now):
        stream = db.session.scalars(allies_query().execution_options(yield_per=BATCH))
        for batch in chunks(stream, BATCH):
            done = written_keys(phase_key(edition.id, phase, user.id) for user in batch)
            for user in batch:
                key = phase_key(edition.id, phase, user.id)
                if key in done:
                    continue
                email = enqueue_for_user(
                    user,
                    category=Category.ASSEMBLY,
                    template="assembly/phase_opened",
                    subject=_subject(edition, phase),
                    dedupe_key=key,
                    context={
                        "edition": edition,
                        "phase": phase,
                        "person": user,
                        "closes": _closing(edition, phase, user),
                    },
                    now=now,
                )
                written += email is not None
            forget(batch)
    return written
