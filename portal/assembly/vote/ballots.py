"""Casting a ballot and checking a receipt.

The participation (who voted) and the ballot (what was voted) are written in one
transaction; the database's unique participation per voice makes a second ballot for the
same voice fail, even when two signatories of an organisation vote at the same moment.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.assembly.constants import Phase
from portal.assembly.vote.models import Ballot, Participation, VoteItem
from portal.assembly.vote.voices import voices_of
from portal.core.extensions import db

MOTION_CHOICES = ("pour", "contre", "abstention")
#: Receipt codes read aloud or copied: no 0/O or 1/I.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class VoteError(Exception):
    """A ballot refused, with a message for the voter."""


@dataclass(frozen=True)
class Receipt:
    """What a voter keeps: the code, shown once, and the item it is for."""

    code: str
    item_id: int


def new_code() -> str:
    """A random receipt code, in groups of four (XXXX-XXXX-XXXX-XXXX)."""
    letters = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


def receipt_hash(code: str) -> str:
    """The hash stored with the ballot (the code itself is never stored)."""
    normal = "".join(c for c in code.upper() if c.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def check_choice(item: VoteItem, choice: list[str]) -> str:
    """The stored form of the voter's choice, or VoteError when it is not a valid one."""
    if not item.is_election:
        if len(choice) != 1 or choice[0] not in MOTION_CHOICES:
            raise VoteError(_("Choose pour, contre or abstention."))
        return choice[0]
    accepted = {str(c.id) for c in item.candidacies if c.status == "accepted"}
    picked = sorted(set(choice), key=lambda value: int(value) if value.isdigit() else -1)
    if any(value not in accepted for value in picked):
        raise VoteError(_("Choose among the candidates on the ballot."))
    if len(picked) > item.seats:
        raise VoteError(
            _("Choose at most %(seats)d candidates.", seats=item.seats)
            if item.seats > 1
            else _("Choose at most one candidate.")
        )
    return ",".join(picked)


def cast(edition, item: VoteItem, user, voice_key: str, choice: list[str], now: datetime):
    """Cast `voice_key`'s ballot on `item` for `user`; return the receipt (shown once)."""
    if item.edition_id != edition.id:
        raise VoteError(_("This question is not part of this assembly."))
    if not edition.is_open(Phase.VOTE.value, now):
        raise VoteError(_("The vote is not open."))
    voice = next((v for v in voices_of(user, edition.id) if v.key == voice_key), None)
    if voice is None:
        raise VoteError(_("You cannot cast this voice."))
    stored = check_choice(item, choice)
    code = new_code()
    try:
        with db.session.begin_nested():
            db.session.add(
                Participation(
                    item_id=item.id, voice_key=voice.key, college=voice.college, cast_by_id=user.id
                )
            )
            db.session.flush()
            db.session.add(
                Ballot(
                    id=secrets.token_hex(16),
                    item_id=item.id,
                    college=voice.college,
                    choice=stored,
                    receipt_hash=receipt_hash(code),
                )
            )
            db.session.flush()
    except IntegrityError as error:
        raise VoteError(_("This voice has already been cast.")) from error
    return Receipt(code=code, item_id=item.id)


def cast_voices(item_ids: list[int], voice_keys: list[str]) -> dict[tuple[int, str], object]:
    """Who cast each of these voices on these items: {(item id, voice key): user or None}."""
    if not item_ids or not voice_keys:
        return {}
    rows = db.session.scalars(
        select(Participation).where(
            Participation.item_id.in_(item_ids), Participation.voice_key.in_(voice_keys)
        )
    )
    return {(p.item_id, p.voice_key): p for p in rows}


def find_receipt(edition, code: str, now: datetime) -> Ballot | None:
    """The ballot a receipt code stands for, once the vote has closed (VoteError before)."""
    if not edition.has_closed(Phase.VOTE.value, now):
        raise VoteError(_("Receipts can be checked once the vote has closed."))
    return db.session.scalar(
        select(Ballot)
        .join(VoteItem, VoteItem.id == Ballot.item_id)
        .where(VoteItem.edition_id == edition.id, Ballot.receipt_hash == receipt_hash(code))
    )
