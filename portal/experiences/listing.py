"""What each person may list and read of experiences, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, case, exists, func, select
from sqlalchemy.orm import joinedload, selectinload

from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.extensions import db
from portal.core.permissions import is_signed_in
from portal.experiences.constants import DRAFT, PUBLISHED
from portal.experiences.models import (
    Experience,
    ExperienceFundamental,
    HelpfulMark,
    Theme,
    experience_themes,
)


@dataclass(frozen=True)
class ListFilters:
    """The /experiences filters; None means "any"."""

    fundamental: str | None = None
    theme: str | None = None
    region: str | None = None
    kind: str | None = None
    sort: str = "date"


# --- reading ------------------------------------------------------------------------


def visible_experiences(user):
    """SQL condition: the published experiences `user` may see (can_see_experience)."""
    published = Experience.status == PUBLISHED
    if is_signed_in(user):
        return published
    return published & (Experience.visibility == "public")


def _listing(query: Select) -> Select:
    """What a list shows, loaded with the query: organisation, author, tags."""
    return query.options(
        joinedload(Experience.organisation),
        joinedload(Experience.author),
        selectinload(Experience.fundamentals),
        selectinload(Experience.themes),
    )


def list_query(user, filters: ListFilters) -> Select:
    """Published experiences `user` may see, filtered and sorted."""
    query = select(Experience).where(visible_experiences(user))
    if filters.fundamental:
        query = query.where(
            Experience.id.in_(
                select(ExperienceFundamental.experience_id).where(
                    ExperienceFundamental.key == filters.fundamental
                )
            )
        )
    if filters.theme:
        query = query.where(
            Experience.id.in_(
                select(experience_themes.c.experience_id)
                .join(Theme, Theme.id == experience_themes.c.theme_id)
                .where(Theme.key == filters.theme)
            )
        )
    if filters.region:
        query = query.where(Experience.region == filters.region)
    if filters.kind:
        query = query.where(
            Experience.organisation_id.in_(
                select(Organisation.id).where(Organisation.kind == filters.kind)
            )
        )
    if filters.sort == "helpful":
        order = (Experience.helpful_count.desc(), Experience.published_at.desc())
    else:
        order = (Experience.published_at.desc(),)
    return _listing(query).order_by(*order, Experience.id.desc())


def organisation_experiences(organisation: Organisation, user) -> list[Experience]:
    """The published experiences of `organisation` that `user` may see, newest first."""
    query = select(Experience).where(
        Experience.organisation_id == organisation.id, visible_experiences(user)
    )
    return list(db.session.scalars(_listing(query).order_by(Experience.published_at.desc())))


def my_drafts(user) -> list[Experience]:
    """Drafts `user` wrote or may publish as a signatory, newest first (admins: their own)."""
    if not is_signed_in(user):
        return []
    signed = select(Signature.organisation_id).where(
        Signature.signer_id == user.id, Signature.status == SignatureStatus.VALIDATED.value
    )
    query = select(Experience).where(
        Experience.status == DRAFT,
        (Experience.author_id == user.id) | Experience.organisation_id.in_(signed),
    )
    return list(db.session.scalars(_listing(query).order_by(Experience.updated_at.desc())))


def load_experience(experience_id: int) -> Experience | None:
    """One experience with what its page shows."""
    from portal.meetings.models import Meeting

    # Each session's space too: the page names it (or hides a cohort's) for every session.
    query = _listing(select(Experience).where(Experience.id == experience_id)).options(
        selectinload(Experience.meetings).joinedload(Meeting.space), joinedload(Experience.space)
    )
    return db.session.scalar(query)


def has_marked(experience: Experience, user) -> bool:
    """Whether `user` marked it helpful."""
    if not is_signed_in(user):
        return False
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    HelpfulMark.experience_id == experience.id, HelpfulMark.user_id == user.id
                )
            )
        )
    )


def attachments_of(experience: Experience) -> list:
    """Files and links attached to `experience`, oldest first."""
    from portal.materials.models import Material

    return list(
        db.session.scalars(
            select(Material)
            .where(Material.experience_id == experience.id)
            .order_by(Material.created_at, Material.id)
        )
    )


def presentable_meetings(user) -> list:
    """Sessions of the spaces `user` belongs to, newest first (where it may have been shown)."""
    from portal.meetings.models import Meeting
    from portal.spaces.models import Membership

    if not is_signed_in(user):
        return []
    query = select(Meeting).options(joinedload(Meeting.space))
    if not user.is_admin:
        mine = select(Membership.space_id).where(Membership.user_id == user.id)
        query = query.where(Meeting.space_id.in_(mine))
    return list(db.session.scalars(query.order_by(Meeting.starts_at.desc()).limit(200)))


def member_spaces(user) -> list:
    """The spaces `user` belongs to (admins: every space), by title: where it was worked on."""
    from portal.spaces.models import Membership, Space

    if not is_signed_in(user):
        return []
    query = select(Space).order_by(Space.title)
    if not user.is_admin:
        query = query.where(
            Space.id.in_(select(Membership.space_id).where(Membership.user_id == user.id))
        )
    return list(db.session.scalars(query))


def near_territory(user, limit: int = 3) -> list[Experience]:
    """Published experiences of other organisations, those of `user`'s territory first, then
    of their region, then the latest ones (no organisation: the latest ones); tags loaded
    (three queries)."""
    query = select(Experience).where(visible_experiences(user))
    if user.organisation_id is not None:
        own = Organisation.id == user.organisation_id
        territory = select(func.lower(Organisation.territory)).where(own).scalar_subquery()
        region = select(Organisation.region).where(own).scalar_subquery()
        closeness = case(
            ((Experience.territory != "") & (func.lower(Experience.territory) == territory), 0),
            (Experience.region == region, 1),
            else_=2,
        )
        query = query.where(Experience.organisation_id != user.organisation_id)
        order = (closeness, Experience.published_at.desc())
    else:
        order = (Experience.published_at.desc(),)
    query = (
        _listing(query.where((Experience.author_id.is_(None)) | (Experience.author_id != user.id)))
        .order_by(*order, Experience.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
