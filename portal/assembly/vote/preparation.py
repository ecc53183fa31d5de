"""Preparing the vote: settings, motions and elections, candidacies, proxies, minutes.

Everything that shapes the ballot is fixed before the vote opens; the minutes are written
afterwards.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.assembly.constants import Phase
from portal.assembly.vote.ballots import VoteError
from portal.assembly.vote.emails import tell_candidate
from portal.assembly.vote.models import Candidacy, Minutes, Proxy, VoteItem, VoteSettings
from portal.assembly.vote.voices import is_signatory_organisation, organisations_signed_for
from portal.core.extensions import db

#: A holder carries its own voice and at most this many proxies.
MAX_PROXIES = 2
MOTION_TOPICS = ("orientations", "report", "resolution")
#: The settings until an admin changes them (as the columns' server defaults).
DEFAULT_SETTINGS = {
    "organisations_weight": 1,
    "individuals_college_weight": 10,
    "quorum_percent": 25,
}


def _before_vote(edition, now: datetime) -> None:
    """Refuse changes to the ballot once the vote has opened."""
    opens_at, _closes = edition.window(Phase.VOTE.value)
    if opens_at is not None and now >= opens_at:
        raise VoteError(_("The vote has opened: the ballot can no longer change."))


def settings_of(edition_id: int) -> VoteSettings:
    """The edition's vote settings; the defaults (unsaved) until an admin changes them."""
    settings = db.session.scalar(select(VoteSettings).where(VoteSettings.edition_id == edition_id))
    if settings is None:
        settings = VoteSettings(edition_id=edition_id, **DEFAULT_SETTINGS)
    return settings


def _saved_settings(edition_id: int, *, for_update: bool = False) -> VoteSettings:
    """The edition's settings row, written with the defaults if missing (locked on request)."""
    query = select(VoteSettings).where(VoteSettings.edition_id == edition_id)
    if for_update:
        query = query.with_for_update()
    settings = db.session.scalar(query)
    if settings is None:
        try:
            with db.session.begin_nested():
                db.session.add(VoteSettings(edition_id=edition_id, **DEFAULT_SETTINGS))
                db.session.flush()
        except IntegrityError:
            pass  # written at the same moment by another request: read it below
        settings = db.session.scalar(query)
    return settings


def save_settings(edition, values: dict, now: datetime) -> VoteSettings:
    """Change the colleges' weights and the quorum (before the vote opens)."""
    _before_vote(edition, now)
    settings = _saved_settings(edition.id)
    for name in ("organisations_weight", "individuals_college_weight", "quorum_percent"):
        setattr(settings, name, values[name])
    return settings


def items_of(edition_id: int) -> list[VoteItem]:
    """The edition's motions and elections, in their order."""
    return list(
        db.session.scalars(
            select(VoteItem)
            .options(selectinload(VoteItem.candidacies))
            .where(VoteItem.edition_id == edition_id)
            .order_by(VoteItem.position, VoteItem.id)
        ).unique()
    )


def add_item(edition, values: dict, now: datetime) -> VoteItem:
    """Add a motion or an election to the ballot (before the vote opens)."""
    _before_vote(edition, now)
    last = db.session.scalar(
        select(func.max(VoteItem.position)).where(VoteItem.edition_id == edition.id)
    )
    item = VoteItem(
        edition_id=edition.id,
        kind=values["kind"],
        topic=values.get("topic") or "resolution",
        title=values["title"],
        text=values.get("text") or "",
        seats=values.get("seats") or 1,
        position=(last or 0) + 1,
    )
    db.session.add(item)
    db.session.flush()
    return item


def edit_item(edition, item: VoteItem, values: dict, now: datetime) -> VoteItem:
    """Correct a motion or an election (before the vote opens). An election that has
    candidacies stays an election: turning it into a motion would drop them unseen."""
    _before_vote(edition, now)
    if values["kind"] != item.kind and item.candidacies:
        raise VoteError(_("An election that has candidacies cannot become a motion."))
    item.kind = values["kind"]
    item.topic = values.get("topic") or "resolution"
    item.title = values["title"]
    item.text = values.get("text") or ""
    item.seats = values.get("seats") or 1
    return item


def delete_item(edition, item: VoteItem, now: datetime) -> None:
    """Take a motion or an election off the ballot (before the vote opens)."""
    _before_vote(edition, now)
    db.session.delete(item)


def stand(edition, item: VoteItem, user, statement: str, now: datetime) -> Candidacy:
    """`user` stands as a candidate in an election, with a statement, before the vote."""
    _before_vote(edition, now)
    if not item.is_election:
        raise VoteError(_("Candidates stand for elections only."))
    existing = db.session.scalar(
        select(Candidacy).where(Candidacy.item_id == item.id, Candidacy.user_id == user.id)
    )
    if existing is not None:
        existing.statement = statement
        return existing
    candidacy = Candidacy(item_id=item.id, user_id=user.id, name=user.display_name)
    candidacy.statement = statement
    db.session.add(candidacy)
    db.session.flush()
    return candidacy


def decide_candidacy(edition, candidacy: Candidacy, accept: bool, now: datetime) -> None:
    """Admins accept a candidacy onto the ballot, or refuse it (before the vote); the
    candidate is told by email."""
    _before_vote(edition, now)
    candidacy.status = "accepted" if accept else "refused"
    tell_candidate(edition, candidacy)


def give_proxy(edition, user, giver_id: int, holder_id: int, now: datetime) -> Proxy:
    """A signatory of `giver_id` gives its voice to `holder_id`, before the vote opens."""
    _before_vote(edition, now)
    if giver_id not in {o.id for o in organisations_signed_for(user.id)}:
        raise VoteError(_("You can give only the voice of an organisation you signed for."))
    if giver_id == holder_id or not is_signatory_organisation(holder_id):
        raise VoteError(_("Choose another signatory organisation."))
    # One proxy change at a time per edition (row lock on PostgreSQL), so the limit holds.
    _saved_settings(edition.id, for_update=True)
    proxies = list(db.session.scalars(select(Proxy).where(Proxy.edition_id == edition.id)))
    if any(p.giver_organisation_id == giver_id for p in proxies):
        raise VoteError(_("This organisation has already given its proxy."))
    if any(p.holder_organisation_id == giver_id for p in proxies):
        raise VoteError(_("An organisation holding proxies cannot give its own voice."))
    if any(p.giver_organisation_id == holder_id for p in proxies):
        raise VoteError(_("That organisation has given its own voice away."))
    if sum(p.holder_organisation_id == holder_id for p in proxies) >= MAX_PROXIES:
        raise VoteError(_("That organisation already holds two proxies."))
    proxy = Proxy(
        edition_id=edition.id,
        giver_organisation_id=giver_id,
        holder_organisation_id=holder_id,
        given_by_id=user.id,
    )
    db.session.add(proxy)
    db.session.flush()
    return proxy


def withdraw_proxy(edition, user, proxy: Proxy, now: datetime) -> None:
    """A signatory of the giver takes the proxy back, before the vote opens."""
    _before_vote(edition, now)
    if proxy.giver_organisation_id not in {o.id for o in organisations_signed_for(user.id)}:
        raise VoteError(_("You can give only the voice of an organisation you signed for."))
    db.session.delete(proxy)


def minutes_of(edition_id: int) -> Minutes | None:
    """The edition's procès-verbal, if written."""
    return db.session.scalar(select(Minutes).where(Minutes.edition_id == edition_id))


def save_minutes(edition, body: str) -> Minutes:
    """Write or rewrite the procès-verbal."""
    minutes = minutes_of(edition.id)
    if minutes is None:
        minutes = Minutes(edition_id=edition.id)
        db.session.add(minutes)
    minutes.body = body
    return minutes
