"""The electorate: which voices a person may cast (their own, their organisations', the
proxies their organisations hold), and how many voices each college counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.assembly.vote.models import Proxy
from portal.core.extensions import db

ORGANISATIONS = "organisations"
INDIVIDUALS = "individuals"

_validated = Signature.status == SignatureStatus.VALIDATED.value


@dataclass(frozen=True)
class Voice:
    """A voice the person may cast: `key` as in participations, its college and names."""

    key: str
    college: str
    #: The organisation's name, or None for the person's own voice.
    name: str | None = None
    #: For a proxy: the name of the organisation that holds it.
    held_by: str | None = None


def organisation_key(organisation_id: int) -> str:
    """The voice key of an organisation."""
    return Signature.key_for_organisation(organisation_id)


def person_key(user_id: int) -> str:
    """The voice key of an individual signatory."""
    return Signature.key_for_person(user_id)


def organisations_signed_for(user_id: int) -> list[Organisation]:
    """Organisations `user_id` signed for (validated signature), by name."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(
                Organisation.id.in_(
                    select(Signature.organisation_id).where(
                        Signature.signer_id == user_id, _validated
                    )
                )
            )
            .order_by(Organisation.name)
        )
    )


def is_individual_signatory(user_id: int) -> bool:
    """Whether `user_id` signed the charter in their own name (validated)."""
    return (
        db.session.scalar(
            select(Signature.id)
            .where(Signature.signer_id == user_id, Signature.organisation_id.is_(None), _validated)
            .limit(1)
        )
        is not None
    )


def proxies_of(edition_id: int) -> list[Proxy]:
    """The edition's proxies."""
    return list(
        db.session.scalars(
            select(Proxy)
            .options(joinedload(Proxy.giver), joinedload(Proxy.holder))
            .where(Proxy.edition_id == edition_id)
            .order_by(Proxy.id)
        )
    )


def voices_of(user, edition_id: int) -> list[Voice]:
    """The voices `user` may cast in the edition's vote: their own, then each organisation
    they signed for (unless it gave its proxy), then the proxies those organisations hold."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    voices = []
    if is_individual_signatory(user.id):
        voices.append(Voice(person_key(user.id), INDIVIDUALS))
    mine = organisations_signed_for(user.id)
    proxies = proxies_of(edition_id)
    given = {p.giver_organisation_id for p in proxies}
    for organisation in mine:
        if organisation.id not in given:
            voices.append(
                Voice(organisation_key(organisation.id), ORGANISATIONS, organisation.name)
            )
    mine_ids = {o.id: o.name for o in mine}
    for proxy in sorted(proxies, key=lambda p: p.id):
        # A proxy counts while its giver is still a signatory organisation.
        if proxy.holder_organisation_id in mine_ids and proxy.holder_organisation_id not in given:
            if is_signatory_organisation(proxy.giver_organisation_id):
                voices.append(
                    Voice(
                        organisation_key(proxy.giver_organisation_id),
                        ORGANISATIONS,
                        proxy.giver.name,
                        held_by=mine_ids[proxy.holder_organisation_id],
                    )
                )
    return voices


def is_signatory_organisation(organisation_id: int) -> bool:
    """Whether the organisation has a validated signature."""
    return (
        db.session.scalar(
            select(Signature.id)
            .where(Signature.organisation_id == organisation_id, _validated)
            .limit(1)
        )
        is not None
    )


def electorate() -> dict[str, int]:
    """How many voices each college counts now (organisations, individuals)."""
    organisations = db.session.scalar(
        select(func.count(func.distinct(Signature.organisation_id))).where(
            Signature.organisation_id.is_not(None), _validated
        )
    )
    individuals = db.session.scalar(
        select(func.count(func.distinct(Signature.signer_id))).where(
            Signature.organisation_id.is_(None), Signature.signer_id.is_not(None), _validated
        )
    )
    return {ORGANISATIONS: organisations or 0, INDIVIDUALS: individuals or 0}
