"""Capacity holds when many members register or leave at the same moment.

Each thread has its own app context, hence its own database session and
connection; a barrier releases them together.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import insert, select

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings import registrations
from portal.meetings.models import Registration
from portal.notifications.models import OutboxEmail
from portal.spaces.models import Membership
from tests import factories


def many_members(app, space, count: int) -> list[int]:
    """`count` confirmed members of `space`, inserted in bulk; their ids in creation order."""
    with app.app_context():
        now = utcnow()
        ids = list(
            db.session.scalars(
                insert(User).returning(User.id, sort_by_parameter_order=True),
                [
                    {
                        "email": f"rush{factories.next_number()}@example.org",
                        "display_name": f"Rush {n}",
                        "password_hash": factories.password_hash(factories.PASSWORD),
                        "email_confirmed_at": now,
                        "locale": "en",
                    }
                    for n in range(count)
                ],
            )
        )
        db.session.execute(
            insert(Membership), [{"space_id": space.id, "user_id": uid} for uid in ids]
        )
        db.session.commit()
        return ids


def run_together(app, action, arguments) -> None:
    """Call `action(argument)` in one thread per argument, all released at once; re-raise errors."""
    barrier = threading.Barrier(len(arguments))
    errors: list[BaseException] = []

    def work(argument):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                action(argument)
                db.session.commit()
            except BaseException as error:  # noqa: BLE001 - reported to the test below
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def line(app, meeting_id: int) -> list[Registration]:
    """The registrations of a session in arrival order."""
    with app.app_context():
        rows = list(
            db.session.scalars(
                select(Registration)
                .where(Registration.meeting_id == meeting_id)
                .order_by(Registration.created_at, Registration.id)
            )
        )
        db.session.expunge_all()
        return rows


def check_rush(app, members: int, seats: int, leaving: int) -> None:
    """`members` register at once for `seats`; then `leaving` seat holders leave at once."""
    cohort = factories.space(title=f"Rush {factories.next_number()}")
    meeting = factories.meeting(cohort, capacity=seats)
    user_ids = many_members(app, cohort, members)

    run_together(app, lambda uid: registrations.register(meeting.id, uid), user_ids)

    rows = line(app, meeting.id)
    assert len(rows) == members
    assert len({r.user_id for r in rows}) == members  # no duplicates
    assert [r.status for r in rows] == ["confirmed"] * seats + ["waitlisted"] * (members - seats)
    # Arrival order is the order in which the lock was obtained: ids agree with times.
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    waitlist = [r.user_id for r in rows if r.status == "waitlisted"]

    leavers = [r.user_id for r in rows[:leaving]]
    run_together(app, lambda uid: registrations.unregister(meeting.id, uid), leavers)

    after = {r.user_id: r for r in line(app, meeting.id)}
    assert sum(r.status == "confirmed" for r in after.values()) == seats
    promoted = sorted(
        (r for r in after.values() if r.promoted_at is not None), key=lambda r: r.created_at
    )
    assert [r.user_id for r in promoted] == waitlist[:leaving]
    assert all(after[uid].status == "waitlisted" for uid in waitlist[leaving:])
    with app.app_context():
        told = db.session.scalars(
            select(OutboxEmail.user_id).where(OutboxEmail.template == "meetings/promoted")
        )
        assert sorted(told) == sorted(waitlist[:leaving])


@pytest.mark.postgres_only
def test_sixty_members_rushing_for_twenty_seats_get_exactly_twenty(app):
    check_rush(app, members=60, seats=20, leaving=5)


def test_the_capacity_holds_under_concurrency_on_either_database(app):
    check_rush(app, members=12, seats=4, leaving=3)
