"""A past for the demo, so "Bilan 2025" has figures: the demo's rows are all created today,
and a report of last year would count nothing.

Dates are moved back, deterministically (by id), on rows the other demos made: the imported
allies signed between 2021 and 2025, a part of the experiences, library resources and forum
threads belong to 2025, and the cohort held sessions in 2025 with attendance recorded. Run
once, before the 2025 report is published; a second run finds 2025 populated and does nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from portal.alliance.models import Signature, SignatureStatus
from portal.core.extensions import db
from portal.experiences.models import Experience
from portal.forums.models import Post, Thread
from portal.materials.models import Material
from portal.meetings.models import Meeting, Registration, RegistrationStatus
from portal.spaces.models import Membership, Space

YEARS = (2021, 2022, 2023, 2024, 2025)


def _day_of(year: int, n: int) -> datetime:
    """A weekday-ish moment of `year` picked by `n` (10:00 UTC, spread over the months)."""
    return datetime(year, 1 + n * 5 % 12, 1 + n * 7 % 27, 10, tzinfo=UTC)


def _has_history() -> bool:
    """Whether something was already signed before this year (history in place)."""
    first = db.session.scalar(select(func.min(Signature.signed_at)))
    return first is not None and first.year < datetime.now(UTC).year


def _allies() -> int:
    """Imported allies signed over the alliance's first five years, more each year."""
    rows = db.session.scalars(
        select(Signature)
        .where(Signature.source == "import", Signature.status == SignatureStatus.VALIDATED.value)
        .order_by(Signature.id)
    ).all()
    for n, signature in enumerate(rows):
        # Fewer signatures in the first years, more each year: the alliance grew.
        year = YEARS[min(4, int((n / max(1, len(rows))) ** 0.6 * 5))]
        signature.signed_at = signature.decided_at = _day_of(year, n)
    return len(rows)


def _every_other(model, limit: int) -> list:
    """Every other row of `model` (by id, the second first), at most `limit`: the first
    rows, the welcomes the demo's digest shows this week, stay new."""
    return db.session.scalars(select(model).order_by(model.id)).all()[1::2][:limit]


def _content() -> int:
    """Half the published experiences, library resources and threads date from 2025."""
    moved = 0
    for n, experience in enumerate(_every_other(Experience, 12)):
        if experience.published_at is not None:
            experience.published_at = experience.created_at = _day_of(2025, n)
            moved += 1
    library = select(Material).where(Material.space_id.is_(None)).order_by(Material.id)
    for n, material in enumerate(db.session.scalars(library).all()[::2]):
        material.created_at = _day_of(2025, n)
        if material.moderated_at is not None:
            material.moderated_at = _day_of(2025, n) + timedelta(days=2)
        moved += 1
    for n, thread in enumerate(_every_other(Thread, 20)):
        when = _day_of(2025, n)
        thread.created_at = thread.last_post_at = when
        for post in db.session.scalars(select(Post).where(Post.thread_id == thread.id)):
            post.created_at = when
        moved += 1
    return moved


def _sessions() -> int:
    """Three held sessions of 2025 in the first cohort, its members attending most."""
    cohort = db.session.scalar(select(Space).where(Space.kind == "cohort").order_by(Space.id))
    if cohort is None:
        return 0
    members = db.session.scalars(
        select(Membership.user_id).where(Membership.space_id == cohort.id)
    ).all()
    for n, title in enumerate(
        ("Séance de lancement 2025", "Atelier coopération", "Visite apprenante")
    ):
        starts = datetime(2025, 3 + n * 3, 12, 9, 30, tzinfo=UTC)
        meeting = Meeting(
            space_id=cohort.id, title=title, starts_at=starts, ends_at=starts + timedelta(hours=3)
        )
        db.session.add(meeting)
        db.session.flush()
        for index, user_id in enumerate(members):
            db.session.add(
                Registration(
                    meeting_id=meeting.id,
                    user_id=user_id,
                    status=RegistrationStatus.CONFIRMED.value,
                    created_at=starts - timedelta(days=10),
                    attended=(index + n) % 4 != 0,
                    attendance_recorded_at=starts + timedelta(hours=4),
                )
            )
    return 3


def give_the_demo_a_past() -> str:
    """Move the demo's history back (once); a console line."""
    if _has_history():
        return "Demo history: already in place."
    allies, content, sessions = _allies(), _content(), _sessions()
    db.session.flush()
    return (
        f"Demo history: {allies} allies signed 2021–2025, {content} items of 2025, "
        f"{sessions} sessions held in 2025."
    )
