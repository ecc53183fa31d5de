"""Demo data of the vote: the 2026 assembly's motions, election, frozen results and minutes;
the 2027 assembly's motions prepared for its vote (idempotent)."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from portal.alliance.models import Signature, SignatureStatus
from portal.assembly.loading import edition_by_year
from portal.assembly.vote import results
from portal.assembly.vote.ballots import new_code, receipt_hash
from portal.assembly.vote.models import Ballot, Candidacy, Minutes, Participation, VoteItem
from portal.assembly.vote.voices import ORGANISATIONS, organisation_key
from portal.core.db import utcnow
from portal.core.extensions import db

PAST = {
    "motions": [
        (
            "orientations",
            "Adopter les orientations 2026-2027",
            "Les orientations issues de la consultation des alliés.",
        ),
        ("report", "Approuver le rapport d'activité 2025", "Le rapport présenté par le bureau."),
    ],
    "election": ("Élection au conseil d'administration", 2),
    "candidates": [
        (
            "Camille Martin",
            "Élue d'une commune rurale, je souhaite porter la voix des petites communes.",
        ),
        ("Yannick Le Goff", "Animateur d'un tiers-lieu, pour une alliance plus coopérative."),
        ("Inès Benali", "Chargée de mission transition, pour relier les territoires pairs."),
    ],
    "minutes": (
        "# Procès-verbal de l'Assemblée des alliés 2026\n\n"
        "L'assemblée s'est tenue en présentiel et en visio. Les orientations et le rapport "
        "ont été adoptés ; le conseil d'administration accueille deux nouveaux membres.\n"
    ),
}

UPCOMING = [
    ("orientations", "Adopter les orientations 2027-2028", "Issues de la consultation en cours."),
    (
        "report",
        "Approuver le rapport d'activité 2026",
        "Le rapport du bureau, publié avant le vote.",
    ),
    ("resolution", "Résolution : une gouvernance plus coopérative", "Proposée par le bureau."),
]

#: The 2026 ballots, in turn for the signatory organisations: mostly "pour".
_MOTION_CHOICES = ["pour", "pour", "pour", "contre", "pour", "abstention", "pour"]


def _add_motions(edition, motions) -> list[VoteItem]:
    items = []
    for position, (topic, title, text) in enumerate(motions, start=1):
        item = VoteItem(
            edition_id=edition.id,
            kind="motion",
            topic=topic,
            title=title,
            text=text,
            position=position,
        )
        db.session.add(item)
        items.append(item)
    db.session.flush()
    return items


def _past_ballots(items: list[VoteItem], election: VoteItem) -> int:
    """Ballots of the signatory organisations (imported allies), as if they had voted."""
    organisation_ids = sorted(
        set(
            db.session.scalars(
                select(Signature.organisation_id).where(
                    Signature.organisation_id.is_not(None),
                    Signature.status == SignatureStatus.VALIDATED.value,
                )
            )
        )
    )[:14]
    candidates = [str(c.id) for c in election.candidacies]
    for n, organisation_id in enumerate(organisation_ids):
        key = organisation_key(organisation_id)
        picks = [
            ",".join(sorted(candidates[:2], key=int)),
            ",".join(sorted(candidates[1:], key=int)),
        ]
        for item, choice in [
            *[
                (item, _MOTION_CHOICES[(n + i) % len(_MOTION_CHOICES)])
                for i, item in enumerate(items)
            ],
            (election, picks[n % 2]),
        ]:
            db.session.add(Participation(item_id=item.id, voice_key=key, college=ORGANISATIONS))
            db.session.add(
                Ballot(
                    id=secrets.token_hex(16),
                    item_id=item.id,
                    college=ORGANISATIONS,
                    choice=choice,
                    receipt_hash=receipt_hash(new_code()),
                )
            )
    db.session.flush()
    return len(organisation_ids)


def _seed_past(edition) -> str:
    if db.session.scalar(select(VoteItem.id).where(VoteItem.edition_id == edition.id)):
        results.freeze(edition, utcnow())
        return "Vote of the 2026 assembly: already there."
    items = _add_motions(edition, PAST["motions"])
    title, seats = PAST["election"]
    election = VoteItem(
        edition_id=edition.id, kind="election", title=title, seats=seats, position=len(items) + 1
    )
    db.session.add(election)
    db.session.flush()
    for name, statement in PAST["candidates"]:
        db.session.add(
            Candidacy(item_id=election.id, name=name, statement=statement, status="accepted")
        )
    db.session.flush()
    db.session.refresh(election)
    voters = _past_ballots(items, election)
    db.session.add(Minutes(edition_id=edition.id, body=PAST["minutes"]))
    frozen = results.freeze(edition, utcnow())
    state = "frozen" if frozen else "to be frozen when its vote closes"
    return (
        f"Vote of the 2026 assembly: 2 motions and an election, {voters} voices, results {state}."
    )


def _seed_upcoming(edition) -> str:
    if db.session.scalar(select(VoteItem.id).where(VoteItem.edition_id == edition.id)):
        return "Vote of the 2027 assembly: already prepared."
    _add_motions(edition, UPCOMING)
    db.session.add(
        VoteItem(
            edition_id=edition.id,
            kind="election",
            title="Élection au conseil d'administration",
            seats=3,
            position=len(UPCOMING) + 1,
        )
    )
    return f"Vote of the 2027 assembly: {len(UPCOMING)} motions and an election prepared."


def seed_vote_demo() -> list[str]:
    """The two assemblies' votes; lines for the console."""
    lines = []
    for year, seed in ((2026, _seed_past), (2027, _seed_upcoming)):
        edition = edition_by_year(year)
        if edition is None:
            lines.append(f"Assembly {year} missing: its vote is not seeded.")
            continue
        lines.append(seed(edition))
    db.session.flush()
    return lines
