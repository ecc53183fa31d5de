"""Where a person stands with the charter: ally or not, what to re-sign, who to remind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from portal.alliance import charter
from portal.alliance.models import ACTIVE_STATUSES, Signature, SignatureStatus
from portal.core.extensions import db
from portal.notifications.services import enqueue


@dataclass
class Standing:
    """The latest signature of one signatory the person signed for, and what it needs."""

    signature: Signature
    #: The signatory's newest signature is older than the current charter.
    needs_resign: bool

    @property
    def organisation(self):
        """The organisation, or None for the person's own signature."""
        return self.signature.organisation


@dataclass
class CharterStanding:
    """Everything the charter page says about the signed-in person."""

    current: charter.CharterVersion
    #: The person's own signature (pending/validated, else refused), or None.
    personal: Standing | None
    #: Organisations the person signed for, by name.
    organisations: list[Standing]


def is_ally(user) -> bool:
    """Whether `user` has a validated signature (their own or an organisation's), any version."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return ally_since(user) is not None


def ally_since(user) -> datetime | None:
    """When `user`'s first validated signature was made, or None."""
    return db.session.scalar(
        select(func.min(Signature.signed_at)).where(
            Signature.signer_id == user.id, Signature.status == SignatureStatus.VALIDATED.value
        )
    )


def _pick(rows: list[Signature], user_id: int) -> Signature | None:
    """The person's newest active signature of a signatory, else their newest refused one.

    Co-signatories' rows count only for renewal: a colleague who re-signed the current
    version for the organisation spares the person a re-sign notice.
    """
    own = [s for s in rows if s.signer_id == user_id]
    active = [s for s in own if s.is_active]
    if active:
        return active[0]
    refused = [s for s in own if s.status == SignatureStatus.REFUSED.value]
    return refused[0] if refused else None


def charter_standing(user) -> CharterStanding:
    """The person's own signature and their organisations', with re-sign notices (2 queries)."""
    current = charter.current_version()
    keys = select(Signature.signatory_key).where(Signature.signer_id == user.id)
    rows = db.session.scalars(
        select(Signature)
        .where(Signature.signatory_key.in_(keys))
        .options(joinedload(Signature.organisation))
        .order_by(Signature.charter_version.desc(), Signature.signed_at.desc())
    ).all()
    by_key: dict[str, list[Signature]] = {}
    for row in rows:
        by_key.setdefault(row.signatory_key, []).append(row)
    standings: dict[str, Standing] = {}
    for key, signatures in by_key.items():
        chosen = _pick(signatures, user.id)
        if chosen is not None:
            renewed = any(s.is_active and s.charter_version >= current.number for s in signatures)
            standings[key] = Standing(chosen, needs_resign=chosen.is_active and not renewed)
    personal = standings.pop(Signature.key_for_person(user.id), None)
    organisations = sorted(standings.values(), key=lambda s: s.organisation.slug)
    return CharterStanding(current=current, personal=personal, organisations=organisations)


def signatories_to_remind(version: int) -> dict[int, list[Signature]]:
    """Signer id -> their validated signatures of older versions not yet renewed for `version`."""
    renewed = select(Signature.signatory_key).where(
        Signature.charter_version == version, Signature.status.in_(ACTIVE_STATUSES)
    )
    rows = db.session.scalars(
        select(Signature)
        .where(
            Signature.charter_version < version,
            Signature.status == SignatureStatus.VALIDATED.value,
            Signature.signer_id.is_not(None),
            Signature.signatory_key.not_in(renewed),
        )
        .options(joinedload(Signature.signer), joinedload(Signature.organisation))
        .order_by(Signature.signer_id, Signature.charter_version)
    )
    reminders: dict[int, list[Signature]] = {}
    for row in rows:
        if not row.signer.is_deleted:
            reminders.setdefault(row.signer_id, []).append(row)
    return reminders


def announce_new_version() -> int:
    """Email every signatory of an older version once about the current one; returns how many.

    The dedupe key `charter-resign:<version>:<user id>` makes a second run send nothing.
    """
    current = charter.current_version()
    sent = 0
    for signatures in signatories_to_remind(current.number).values():
        signer = signatures[0].signer
        email = enqueue(
            to=signer.email,
            template="alliance/charter_resign",
            subject=_l("A new version of the alliance charter is out"),
            dedupe_key=f"charter-resign:{current.number}:{signer.id}",
            locale=signer.locale,
            user_id=signer.id,
            context={
                "name": signer.display_name,
                "version": current.number,
                "summary": current.summary(signer.locale),
                "signed": [
                    {"version": s.charter_version, "organisation": s.organisation.name}
                    if s.organisation
                    else {"version": s.charter_version, "organisation": None}
                    for s in signatures
                ],
            },
        )
        sent += email is not None
    return sent


@dataclass(frozen=True)
class SigningState:
    """Whether a person has signed (their signature may still await validation), and
    since when they are an ally (validated), for their home page."""

    has_signed: bool
    ally_since: datetime | None


def signing_state(user) -> SigningState:
    """`user`'s pending or validated signatures, any version, own or for an organisation
    (one query)."""
    validated = Signature.status == SignatureStatus.VALIDATED.value
    count, since = db.session.execute(
        select(
            func.count(Signature.id),
            func.min(case((validated, Signature.signed_at), else_=None)),
        ).where(Signature.signer_id == user.id, Signature.status.in_(ACTIVE_STATUSES))
    ).one()
    return SigningState(has_signed=bool(count), ally_since=since)
