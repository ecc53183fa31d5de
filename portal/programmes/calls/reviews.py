"""Reviews: a score from 1 to 5 and a private comment, one per reviewer and application."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.core.extensions import db
from portal.programmes.calls.models import REVIEWABLE, Application, Review
from portal.programmes.calls.permissions import has_conflict

COMMENT_MAX = 5_000


class ReviewRefused(Exception):
    """A review the rules refuse."""


class ConflictOfInterest(ReviewRefused):
    """The reviewer signed for the applicant's organisation (or is the applicant)."""


def review_of(application: Application, reviewer) -> Review | None:
    """`reviewer`'s review of `application`, if any."""
    return db.session.scalar(
        select(Review).where(
            Review.application_id == application.id, Review.reviewer_id == reviewer.id
        )
    )


def save_review(application: Application, reviewer, score: int, comment: str, now: datetime):
    """Create or update `reviewer`'s review; raises ConflictOfInterest or ReviewRefused."""
    if has_conflict(reviewer, application):
        raise ConflictOfInterest("signed for the applicant's organisation")
    if application.state not in REVIEWABLE:
        raise ReviewRefused("only submitted applications are reviewed")
    if not 1 <= int(score) <= 5:
        raise ReviewRefused("a score goes from 1 to 5")
    comment = (comment or "").replace("\x00", "").strip()[:COMMENT_MAX]
    review = review_of(application, reviewer)
    if review is None:
        review = Review(
            application_id=application.id,
            reviewer_id=reviewer.id,
            score=score,
            comment=comment,
            created_at=now,
            updated_at=now,
        )
        try:
            with db.session.begin_nested():
                db.session.add(review)
            return review
        except IntegrityError:  # a twin request created it first: update that one
            review = review_of(application, reviewer)
    review.score = score
    review.comment = comment
    review.updated_at = now
    db.session.flush()
    return review
