"""The personas of the vote: who signed what, and an edition whose vote is open."""

from __future__ import annotations

from dataclasses import dataclass

from tests import factories


@dataclass
class Cast:
    """The people of a vote test and the edition they vote in."""

    edition: object
    motion: object
    election: object
    organisation: object
    other_organisation: object
    people: dict


def build(phase: str = "vote") -> Cast:
    """An edition with a motion and an election, and a person for each persona:
    anonymous, ally (no signature of theirs), individual, signatory, second signatory
    (of the same organisation), proxy holder (for a third organisation), admin."""
    edition = factories.assembly_edition(phase=phase)
    motion = factories.vote_item(edition, title="Adopt the orientations", topic="orientations")
    election = factories.vote_item(edition, kind="election", title="Board", seats=2, position=2)
    organisation = factories.organisation(name=f"Tiers-Lieu {factories.next_number()}")
    other = factories.organisation(name=f"Collectif {factories.next_number()}")
    giver = factories.organisation(name=f"Donneuse {factories.next_number()}")
    people = {
        "anonymous": None,
        "ally": factories.user(display_name="Ally without signature"),
        "individual": factories.user(display_name="Individual"),
        "signatory": factories.user(display_name="Signatory"),
        "second": factories.user(display_name="Second signatory"),
        "holder": factories.user(display_name="Proxy holder"),
        "admin": factories.user(role="admin", display_name="Admin"),
    }
    factories.signature(signer=people["individual"])
    factories.signature(signer=people["signatory"], organisation=organisation, version=1)
    # A co-signatory of the same version: the first of the two to vote casts the voice.
    factories.signature(signer=people["second"], organisation=organisation)
    factories.signature(signer=people["holder"], organisation=other)
    factories.signature(organisation=giver)
    # "ally" signed for an organisation that is still pending: no voice.
    factories.signature(
        signer=people["ally"], organisation=factories.organisation(), status="pending"
    )
    factories.vote_proxy(edition, giver, other)
    candidate = factories.user(display_name="Candidate One")
    factories.candidacy(election, candidate)
    factories.candidacy(election, factories.user(display_name="Candidate Two"))
    return Cast(edition, motion, election, organisation, other, people)
