"""Demo sessions for `flask portal seed-demo`: the programme of the demo cohort.

`seed_meetings_demo()` is called by portal/site/cli.py once the cohort
"Territoires pilotes 2027" and its members exist. Running it again adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.text import slugify
from portal.meetings import registrations
from portal.meetings.models import Meeting
from portal.meetings.times import local_to_utc, zone
from portal.spaces.models import Membership, Space

COHORT_TITLE = "Territoires pilotes 2027"
VISIO = "https://visio.example.org/territoires-pilotes"

#: (days from today, local start, hours, title, place, visio, description, full?)
PROGRAMME = (
    (-42, time(9, 30), 3, "Lancement de la cohorte", "Maison des associations, Rennes", VISIO,
     "Présentation des territoires, des facilitatrices et du **calendrier** de l'année.", False),
    (-28, time(18, 0), 2, "Atelier : diagnostic de territoire", "", VISIO,
     "Chaque territoire présente son diagnostic en cinq minutes, puis échanges.", False),
    (-14, time(18, 0), 2, "Retour d'expériences : mobilités rurales", "", VISIO,
     "Avec le témoignage d'une communauté de communes du Mené.", False),
    (7, time(14, 0), 3, "Atelier en petit groupe : gouvernance partagée",
     "Tiers-lieu La Grange, Craon", "",
     "Places limitées : inscrivez-vous, une liste d'attente prend le relais.", True),
    (21, time(18, 0), 2, "Mise en récit du projet de territoire", "", VISIO,
     "Préparer le récit de votre démarche pour les élus et les habitants.", False),
    (35, time(9, 30), 6, "Visite apprenante à Loos-en-Gohelle", "Mairie de Loos-en-Gohelle", "",
     "Journée de visite : départ groupé depuis la gare de Lens.", False),
)  # fmt: skip


def _cohort() -> Space | None:
    """The demo cohort, if the spaces demo created it."""
    return db.session.scalar(select(Space).where(Space.slug == slugify(COHORT_TITLE)))


def _people(space: Space) -> tuple[int | None, list[int]]:
    """(a facilitator's id, the members' ids) of `space`."""
    rows = db.session.execute(
        select(Membership.user_id, Membership.role)
        .where(Membership.space_id == space.id)
        .order_by(Membership.id)
    ).all()
    facilitators = [user_id for user_id, role in rows if role == "facilitator"]
    return (facilitators[0] if facilitators else None), [u for u, r in rows if r == "member"]


def seed_meetings_demo(today: date | None = None) -> int:
    """Create the cohort's programme (past and future, one full with a waitlist); returns how
    many sessions were added. The caller commits."""
    space = _cohort()
    if space is None:
        return 0
    today = today or utcnow().astimezone(zone(space.timezone)).date()
    facilitator_id, members = _people(space)
    added = 0
    for offset, start, hours, title, place, visio, description, full in PROGRAMME:
        exists = db.session.scalar(
            select(Meeting.id).where(Meeting.space_id == space.id, Meeting.title == title)
        )
        if exists:
            continue
        local_start = datetime.combine(today + timedelta(days=offset), start)
        starts_at = local_to_utc(local_start, space.timezone)
        meeting = Meeting(
            space_id=space.id,
            title=title,
            description=description,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            place=place,
            visio_url=visio,
            # Two fewer seats than members: the last two to register wait.
            capacity=max(1, len(members) - 2) if full else None,
            registration_deadline=starts_at - timedelta(days=2) if full else None,
            created_by_id=facilitator_id,
        )
        db.session.add(meeting)
        db.session.flush()
        for user_id in members:
            registrations.register(meeting.id, user_id)
        if offset < 0:
            sheet = registrations.attendance_sheet(meeting)
            # Most came; the last one on the sheet did not, for a realistic rate.
            registrations.record_attendance(meeting, {r.id for r in sheet[:-1]})
        added += 1
    return added


#: The session of the next 24 hours that the demo member is registered for, so that the
#: first `flask portal worker --once` writes a real reminder (with its .ics).
SOON_TITLE = "Point d'étape en visio"
DEMO_MEMBER = "membre@example.org"


def seed_reminder_demo(now: datetime | None = None) -> bool:
    """Register the demo member for a cohort session starting within 24 hours, creating
    one ("Point d'étape en visio", in about 20 hours) when none is there. False when the
    member already has such a seat (seeding again adds nothing)."""
    from portal.accounts.models import User
    from portal.meetings.models import Registration, RegistrationStatus

    space = _cohort()
    member = db.session.scalar(select(User).where(User.email == DEMO_MEMBER))
    if space is None or member is None:
        return False
    now = now or utcnow()
    soon = select(Meeting).where(
        Meeting.space_id == space.id,
        Meeting.cancelled_at.is_(None),
        Meeting.starts_at > now,
        Meeting.starts_at <= now + timedelta(hours=24),
    )
    has_seat = db.session.scalar(
        soon.join(Registration, Registration.meeting_id == Meeting.id)
        .where(
            Registration.user_id == member.id,
            Registration.status == RegistrationStatus.CONFIRMED.value,
        )
        .limit(1)
    )
    if has_seat is not None:
        return False
    meeting = db.session.scalar(soon.where(Meeting.capacity.is_(None)).limit(1))
    if meeting is None:
        facilitator_id, _members = _people(space)
        starts_at = (now + timedelta(hours=20)).replace(minute=0, second=0, microsecond=0)
        meeting = Meeting(
            space_id=space.id,
            title=SOON_TITLE,
            description="Un tour de table d'une heure : où en est chaque territoire ?",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            visio_url=VISIO,
            created_by_id=facilitator_id,
        )
        db.session.add(meeting)
        db.session.flush()
    registrations.register(meeting.id, member.id)
    return True
