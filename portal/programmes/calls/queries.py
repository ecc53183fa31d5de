"""What other pages ask of calls, and the lists of the calls' own pages, in fixed queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from portal.alliance.models import ACTIVE_STATUSES, Organisation, Signature
from portal.core.extensions import db
from portal.core.permissions import is_admin, is_signed_in
from portal.programmes.calls.models import (
    REVIEWABLE,
    Application,
    ApplicationState,
    Call,
    Review,
)
from portal.spaces.models import Membership, SpaceRole

#: Applications per page of the reviewers' table.
PER_PAGE = 50


def open_calls_of_spaces(space_ids, now: datetime) -> dict[int, int]:
    """The spaces among `space_ids` with a call open at `now`, each with the id of that call
    (the one closing first, when several are open), in one query."""
    ids = list(space_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Call.space_id, Call.id)
        .where(Call.space_id.in_(ids), Call.opens_at <= now, Call.closes_at > now)
        .order_by(Call.closes_at.desc(), Call.id.desc())
    )
    return dict(rows.all())  # the last row of a space wins: the call closing first


def applications_of(user) -> list[Application]:
    """`user`'s applications with their call, space and organisation, newest first (1 query)."""
    if not is_signed_in(user):
        return []
    return list(
        db.session.scalars(
            select(Application)
            .where(Application.applicant_id == user.id)
            .options(
                joinedload(Application.call).joinedload(Call.space),
                joinedload(Application.organisation),
            )
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )


def _reviewable_by(user):
    """The submitted applications `user` may review and has not reviewed (a select)."""
    query = (
        select(Application.id)
        .join(Call, Call.id == Application.call_id)
        .where(
            Application.state == ApplicationState.SUBMITTED.value,
            Application.applicant_id != user.id,
            ~Application.id.in_(select(Review.application_id).where(Review.reviewer_id == user.id)),
            (Application.organisation_id.is_(None))
            | ~Application.organisation_id.in_(
                select(Signature.organisation_id).where(
                    Signature.signer_id == user.id,
                    Signature.status.in_(ACTIVE_STATUSES),
                    Signature.organisation_id.is_not(None),
                )
            ),
        )
    )
    if not is_admin(user):
        query = query.where(
            Call.space_id.in_(
                select(Membership.space_id).where(
                    Membership.user_id == user.id,
                    Membership.role == SpaceRole.FACILITATOR.value,
                )
            )
        )
    return query


def reviews_waiting_for(user) -> int:
    """Submitted applications `user` may review and has not reviewed (one query)."""
    if not is_signed_in(user):
        return 0
    return db.session.scalar(select(func.count()).select_from(_reviewable_by(user).subquery()))


def reviews_waiting_by_call(user) -> list[tuple[Call, int]]:
    """The calls with applications `user` may review and has not reviewed, each with how
    many, with their spaces (one query)."""
    if not is_signed_in(user):
        return []
    waiting = _reviewable_by(user).subquery()
    rows = db.session.execute(
        select(Call, func.count(waiting.c.id))
        .join(Application, Application.call_id == Call.id)
        .join(waiting, waiting.c.id == Application.id)
        .options(joinedload(Call.space))
        .group_by(Call.id)
        .order_by(Call.closes_at, Call.id)
    )
    return [(call, count) for call, count in rows.all()]


def calls_of_space(space) -> list[Call]:
    """The calls of a cohort, newest first."""
    return list(
        db.session.scalars(
            select(Call).where(Call.space_id == space.id).order_by(Call.opens_at.desc())
        )
    )


def call_with_questions(call_id: int) -> Call | None:
    """The call with its space and questions (two queries)."""
    return db.session.scalar(
        select(Call)
        .where(Call.id == call_id)
        .options(joinedload(Call.space), selectinload(Call.questions))
    )


def my_applications_to(call: Call, user) -> list[Application]:
    """`user`'s applications to `call` with their organisations."""
    if not is_signed_in(user):
        return []
    return list(
        db.session.scalars(
            select(Application)
            .where(Application.call_id == call.id, Application.applicant_id == user.id)
            .options(joinedload(Application.organisation))
            .order_by(Application.id)
        )
    )


@dataclass
class TableFilters:
    """The filters of the reviewers' table (empty: all)."""

    state: str = ""
    kind: str = ""
    region: str = ""
    #: "yes", "no" or "".
    reviewed_by_me: str = ""


@dataclass
class Row:
    """One line of the table."""

    application: Application
    average: float | None
    reviews: int
    mine: bool


def _review_stats():
    """Each reviewed application's average score and number of reviews (a subquery)."""
    return (
        select(
            Review.application_id,
            func.avg(Review.score).label("average"),
            func.count(Review.id).label("reviews"),
        )
        .group_by(Review.application_id)
        .subquery()
    )


def _table_query(call: Call, reviewer, filters: TableFilters):
    """Applications reviewers see, with their average score, count and my-review flag."""
    stats = _review_stats()
    mine = select(Review.application_id).where(Review.reviewer_id == reviewer.id)
    states = [filters.state] if filters.state in REVIEWABLE else list(REVIEWABLE)
    query = (
        select(
            Application,
            stats.c.average,
            func.coalesce(stats.c.reviews, 0),
            Application.id.in_(mine),
        )
        .outerjoin(stats, stats.c.application_id == Application.id)
        .where(Application.call_id == call.id, Application.state.in_(states))
    )
    if filters.kind or filters.region:
        query = query.join(Organisation, Organisation.id == Application.organisation_id)
        if filters.kind:
            query = query.where(Organisation.kind == filters.kind)
        if filters.region:
            query = query.where(Organisation.region == filters.region)
    if filters.reviewed_by_me == "yes":
        query = query.where(Application.id.in_(mine))
    elif filters.reviewed_by_me == "no":
        query = query.where(~Application.id.in_(mine))
    return query


def applications_table(call: Call, reviewer, filters: TableFilters, page: int = 1):
    """A page of rows and the total (three queries whatever the number of rows)."""
    query = _table_query(call, reviewer, filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.execute(
        query.options(joinedload(Application.applicant), joinedload(Application.organisation))
        .order_by(Application.submitted_at, Application.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return [
        Row(app, float(avg) if avg is not None else None, int(count), bool(is_mine))
        for app, avg, count, is_mine in rows
    ], total


def all_rows(call: Call):
    """Every reviewable application of `call` with its average score (for the export)."""
    stats = _review_stats()
    return db.session.execute(
        select(Application, stats.c.average, func.coalesce(stats.c.reviews, 0))
        .outerjoin(stats, stats.c.application_id == Application.id)
        .where(Application.call_id == call.id, Application.state.in_(REVIEWABLE))
        .options(joinedload(Application.applicant), joinedload(Application.organisation))
        .order_by(Application.submitted_at, Application.id)
    ).all()


def reviews_of(application: Application) -> list[Review]:
    """Every review of an application, with its reviewer."""
    return list(
        db.session.scalars(
            select(Review)
            .where(Review.application_id == application.id)
            .options(joinedload(Review.reviewer))
            .order_by(Review.created_at)
        )
    )
