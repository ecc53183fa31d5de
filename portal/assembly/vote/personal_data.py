"""What the vote holds about a person: the voices they cast (never how: ballots carry no
voter), their candidacies and the proxies they gave (export); erasure withdraws their
candidacies still waiting for the administrators."""

from __future__ import annotations

from sqlalchemy import delete, select

from portal.assembly.vote.models import Candidacy, Participation, Proxy, VoteItem
from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion


@exporter("assembly_vote")
def export_vote(user) -> dict:
    """The voices you cast (not your choices, which nobody can link to you), your
    candidacies and the proxies you gave."""
    cast = db.session.execute(
        select(VoteItem.edition_id, VoteItem.title, Participation.voice_key)
        .join(VoteItem, VoteItem.id == Participation.item_id)
        .where(Participation.cast_by_id == user.id)
        .order_by(Participation.id)
    )
    candidacies = db.session.execute(
        select(VoteItem.title, Candidacy.statement, Candidacy.status, Candidacy.created_at)
        .join(VoteItem, VoteItem.id == Candidacy.item_id)
        .where(Candidacy.user_id == user.id)
        .order_by(Candidacy.id)
    )
    proxies = db.session.scalars(
        select(Proxy).where(Proxy.given_by_id == user.id).order_by(Proxy.id)
    )
    return {
        "voices_cast": [
            {"edition_id": edition_id, "question": title, "voice": voice}
            for edition_id, title, voice in cast
        ],
        "candidacies": [
            {
                "election": title,
                "statement": statement,
                "status": status,
                "created_at": created.isoformat(),
            }
            for title, statement, status, created in candidacies
        ],
        "proxies_given": [
            {
                "edition_id": p.edition_id,
                "giver_organisation_id": p.giver_organisation_id,
                "holder_organisation_id": p.holder_organisation_id,
            }
            for p in proxies
        ],
    }


@on_account_deletion
def withdraw_waiting_candidacies(user) -> None:
    """Delete the person's candidacies the administrators have not decided."""
    db.session.execute(
        delete(Candidacy).where(Candidacy.user_id == user.id, Candidacy.status == "pending")
    )
