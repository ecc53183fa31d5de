"""The governance page's content: purpose, board, documents; edited by admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from portal.assembly.governance.models import BoardMember, GovernanceDocument, GovernanceText
from portal.core.extensions import db
from portal.materials.models import Material, ModerationState, Visibility


class DocumentError(ValueError):
    """A document that cannot be shown publicly, or is listed already."""


@dataclass
class BoardMemberDetails:
    """What an admin enters for a board member."""

    name: str
    role: str
    organisation_id: int | None
    term_starts_on: date
    term_ends_on: date | None


def governance_text() -> GovernanceText | None:
    """The one row of the association's purpose, or None before an admin writes it."""
    return db.session.scalar(select(GovernanceText).order_by(GovernanceText.id).limit(1))


def save_purpose(purpose: str) -> GovernanceText:
    """Store the association's purpose (Markdown)."""
    text = governance_text()
    if text is None:
        text = GovernanceText()
        db.session.add(text)
    text.purpose = purpose
    db.session.flush()
    return text


def board(today: date | None = None) -> list[BoardMember]:
    """The board in office on `today` (all members when None): president first."""
    order = {"president": 0, "treasurer": 1, "secretary": 2, "member": 3}
    query = select(BoardMember).options(joinedload(BoardMember.organisation))
    if today is not None:
        query = query.where(
            BoardMember.term_starts_on <= today,
            (BoardMember.term_ends_on.is_(None)) | (BoardMember.term_ends_on >= today),
        )
    members = db.session.scalars(query.order_by(BoardMember.name, BoardMember.id))
    return sorted(members, key=lambda member: order.get(member.role, 9))


def save_board_member(member: BoardMember | None, details: BoardMemberDetails) -> BoardMember:
    """Create (`member` None) or update a board member."""
    if member is None:
        member = BoardMember()
        db.session.add(member)
    member.name = details.name
    member.role = details.role
    member.organisation_id = details.organisation_id
    member.term_starts_on = details.term_starts_on
    member.term_ends_on = details.term_ends_on
    db.session.flush()
    return member


def delete_board_member(member: BoardMember) -> None:
    """Remove someone from the board list."""
    db.session.delete(member)
    db.session.flush()


def is_public(material: Material) -> bool:
    """Whether everyone may read `material` (public and published)."""
    return (
        material.visibility == Visibility.PUBLIC.value
        and material.status == ModerationState.PUBLISHED.value
    )


def public_materials() -> list[Material]:
    """The public materials an admin may pick as governance documents, newest first."""
    query = select(Material).where(
        Material.visibility == Visibility.PUBLIC.value,
        Material.status == ModerationState.PUBLISHED.value,
    )
    return list(db.session.scalars(query.order_by(Material.created_at.desc()).limit(500)))


def documents(edition_id: int | None = None) -> list[GovernanceDocument]:
    """The governance documents whose material is public (of one edition when given)."""
    query = (
        select(GovernanceDocument)
        .join(GovernanceDocument.material)
        .where(
            Material.visibility == Visibility.PUBLIC.value,
            Material.status == ModerationState.PUBLISHED.value,
        )
        .options(
            contains_eager(GovernanceDocument.material), joinedload(GovernanceDocument.edition)
        )
    )
    if edition_id is not None:
        query = query.where(GovernanceDocument.edition_id == edition_id)
    return list(
        db.session.scalars(query.order_by(GovernanceDocument.position, GovernanceDocument.id))
    )


def all_documents() -> list[GovernanceDocument]:
    """Every governance document, for the admins (whatever its material's visibility)."""
    query = select(GovernanceDocument).options(
        joinedload(GovernanceDocument.material), joinedload(GovernanceDocument.edition)
    )
    return list(
        db.session.scalars(query.order_by(GovernanceDocument.position, GovernanceDocument.id))
    )


def add_document(material: Material, kind: str, edition_id: int | None) -> GovernanceDocument:
    """List a public material as a governance document, last in order."""
    if not is_public(material):
        raise DocumentError("not public")
    taken = db.session.scalar(
        select(GovernanceDocument.id).where(GovernanceDocument.material_id == material.id)
    )
    if taken is not None:
        raise DocumentError("listed")
    last = db.session.scalar(select(func.max(GovernanceDocument.position))) or 0
    document = GovernanceDocument(
        material_id=material.id, kind=kind, edition_id=edition_id, position=last + 1
    )
    db.session.add(document)
    db.session.flush()
    return document


def remove_document(document: GovernanceDocument) -> None:
    """Take a document off the governance pages (the material stays in the library)."""
    db.session.delete(document)
    db.session.flush()
