"""Signing the charter, withdrawing, and the administrators' decisions.

One row per signatory, charter version and signer (the unique constraint): signing
again after a withdrawal or a refusal reuses the row; signing twice while a signature
is pending or validated is refused with a translated message, also under a race.

Several people may sign for one organisation (co-signatories: a mayor and the
transition officer of a town, say). Each co-signature is validated on its own, so the
coordination team checks every person who speaks for the organisation; the
organisation stays one ally with one voice, whoever signed for it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import User
from portal.alliance import charter
from portal.alliance.models import ACTIVE_STATUSES, Organisation, Signature, SignatureStatus
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.services import enqueue, unique_key


class SignatureError(Exception):
    """A signing rule refused the action; `str(error)` is a translated message."""


class AlreadySigned(SignatureError):
    """This person or organisation already has a pending or validated signature."""


class NotPending(SignatureError):
    """An administrator decided on a signature that is no longer waiting."""


def _already_signed_message(organisation: Organisation | None, existing, version: int) -> str:
    """The translated explanation of a duplicate signature (the signer's own)."""
    if organisation is None:
        return _("You have already signed version %(version)d of the charter.", version=version)
    if existing is not None and existing.status == SignatureStatus.PENDING.value:
        return _(
            "You have already signed version %(version)d of the charter for %(name)s; "
            "the signature is waiting for validation by the coordination team.",
            name=organisation.name,
            version=version,
        )
    return _(
        "You have already signed version %(version)d of the charter for %(name)s.",
        name=organisation.name,
        version=version,
    )


def existing_signature(key: str, version: int, signer_id: int | None) -> Signature | None:
    """The signature of signatory `key` by `signer_id` for `version`, whatever its status."""
    return db.session.scalar(
        select(Signature).where(
            Signature.signatory_key == key,
            Signature.charter_version == version,
            _signed_by(signer_id),
        )
    )


def _signed_by(signer_id: int | None):
    """The condition "signed by `signer_id`" (None: imported, nobody signed on the portal)."""
    return Signature.signer_id.is_(None) if signer_id is None else Signature.signer_id == signer_id


def other_signers(signatures: list[Signature]) -> dict[int, list[str]]:
    """Signature id -> public names of the others who signed that organisation and version.

    For the administrators' queue: a co-signature is checked knowing who already speaks
    for the organisation (one query for the page).
    """
    keys = {s.signatory_key for s in signatures if s.organisation_id is not None}
    if not keys:
        return {}
    rows = db.session.execute(
        select(Signature.id, Signature.signatory_key, Signature.charter_version, User)
        .join(User, User.id == Signature.signer_id)
        .where(Signature.signatory_key.in_(keys), Signature.status.in_(ACTIVE_STATUSES))
        .order_by(Signature.signed_at)
    ).all()
    names: dict[int, list[str]] = {}
    for signature in signatures:
        names[signature.id] = [
            user.public_name
            for row_id, key, version, user in rows
            if key == signature.signatory_key
            and version == signature.charter_version
            and row_id != signature.id
        ]
    return names


def co_signatories(signature: Signature) -> list[Signature]:
    """The other pending or validated signatures of the same organisation and version."""
    if signature.organisation_id is None:
        return []
    return list(
        db.session.scalars(
            select(Signature).where(
                Signature.signatory_key == signature.signatory_key,
                Signature.charter_version == signature.charter_version,
                Signature.id != signature.id,
                Signature.status.in_(ACTIVE_STATUSES),
            )
        )
    )


def _sign(
    *, key: str, signer, organisation: Organisation | None, status: str, version: int
) -> Signature:
    """Write the signature of `key` for `version`, reusing a withdrawn or refused row."""
    existing = existing_signature(key, version, signer.id)
    if existing is not None and existing.is_active:
        raise AlreadySigned(_already_signed_message(organisation, existing, version))
    now = utcnow()
    fields = {
        "status": status,
        "represents_organisation": organisation is not None,
        "signed_at": now,
        "decided_at": now if status == SignatureStatus.VALIDATED.value else None,
        "decided_by_id": None,
        "refusal_reason": None,
        "withdrawn_at": None,
        "source": "web",
    }
    if existing is not None:
        existing.signer = signer
        for name, value in fields.items():
            setattr(existing, name, value)
        return existing
    # Ids rather than relationships: the savepoint flushes first, and a transient
    # signature already in `organisation.signatures` would trip that flush.
    signature = Signature(
        signatory_key=key,
        charter_version=version,
        signer_id=signer.id,
        organisation_id=organisation.id if organisation is not None else None,
        **fields,
    )
    # A concurrent twin may win between the check and the insert: the constraint decides.
    try:
        with db.session.begin_nested():
            db.session.add(signature)
    except IntegrityError:
        raise AlreadySigned(_already_signed_message(organisation, None, version)) from None
    return signature


def sign_as_person(user, version: int | None = None) -> Signature:
    """Sign the charter in one's own name: validated at once, the person becomes an ally."""
    return _sign(
        key=Signature.key_for_person(user.id),
        signer=user,
        organisation=None,
        status=SignatureStatus.VALIDATED.value,
        version=version or charter.current_version().number,
    )


def sign_for_organisation(user, organisation: Organisation, version: int | None = None):
    """Sign on behalf of `organisation`: pending until an administrator validates it.

    A person whose signature for this organisation was validated on an earlier
    version re-signs without a new check: the coordination team already knows
    they may commit it.
    """
    trusted = db.session.scalar(
        select(Signature.id).where(
            Signature.organisation_id == organisation.id,
            Signature.signer_id == user.id,
            Signature.status == SignatureStatus.VALIDATED.value,
        )
    )
    return _sign(
        key=Signature.key_for_organisation(organisation.id),
        signer=user,
        organisation=organisation,
        status=SignatureStatus.VALIDATED.value if trusted else SignatureStatus.PENDING.value,
        version=version or charter.current_version().number,
    )


def withdraw_signature(signature: Signature, *, whole_signatory: bool = False) -> int:
    """Withdraw the signer's signatures for this signatory: every pending or validated version.

    Withdrawing means leaving the alliance, so an older version must not keep the
    person or organisation listed. A co-signatory who withdraws stops speaking for the
    organisation, which stays an ally through its other signatories; `whole_signatory`
    (an administrator's decision) withdraws the organisation itself, every signer's
    signature. Returns how many signatures were withdrawn.
    """
    conditions = [
        Signature.signatory_key == signature.signatory_key,
        Signature.status.in_(ACTIVE_STATUSES),
    ]
    if not whole_signatory:
        conditions.append(_signed_by(signature.signer_id))
    result = db.session.execute(
        update(Signature)
        .where(*conditions)
        .values(status=SignatureStatus.WITHDRAWN.value, withdrawn_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount


def _require_pending(signature: Signature) -> None:
    """Refuse a decision on a signature that was decided or withdrawn meanwhile."""
    if signature.status != SignatureStatus.PENDING.value:
        raise NotPending(_("This signature is no longer waiting for a decision."))


def _tell_signer(signature: Signature, template: str, subject, context: dict) -> None:
    """Email the signer about a decision, in their language (nobody to tell after deletion)."""
    signer = signature.signer
    if signer is None or signer.is_deleted:
        return
    enqueue(
        to=signer.email,
        template=template,
        subject=subject,
        dedupe_key=unique_key(f"{template}:{signature.id}"),
        locale=signer.locale,
        user_id=signer.id,
        context={
            "name": signer.display_name,
            "organisation": signature.organisation.name if signature.organisation else "",
            "version": signature.charter_version,
            **context,
        },
    )


def validate_signature(signature: Signature, admin) -> None:
    """Validate an organisation's pending signature and tell the signer."""
    _require_pending(signature)
    signature.status = SignatureStatus.VALIDATED.value
    signature.decided_at = utcnow()
    signature.decided_by = admin
    db.session.flush()
    _tell_signer(
        signature,
        "alliance/signature_validated",
        _l("Your signature of the charter is validated"),
        {"slug": signature.organisation.slug if signature.organisation else None},
    )


def refuse_signature(signature: Signature, admin, reason: str) -> None:
    """Refuse an organisation's pending signature and email the reason to the signer."""
    _require_pending(signature)
    signature.status = SignatureStatus.REFUSED.value
    signature.decided_at = utcnow()
    signature.decided_by = admin
    signature.refusal_reason = reason.strip()
    db.session.flush()
    _tell_signer(
        signature,
        "alliance/signature_refused",
        _l("Your signature of the charter was not validated"),
        {"reason": signature.refusal_reason},
    )


def pending_signature_count() -> int:
    """Organisation signatures waiting for an administrator (the admin queue; one query)."""
    return (
        db.session.scalar(
            select(func.count(Signature.id)).where(
                Signature.status == SignatureStatus.PENDING.value
            )
        )
        or 0
    )
