"""When each member's next digest is due."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.db import UTCDateTime
from portal.core.extensions import db


class DigestSchedule(db.Model):
    """One row per member who may receive digests, so the scheduler reads only those due.

    Rows are created lazily by the scheduler for members who have none (default
    weekly), with `next_due_at` NULL meaning "not computed yet". A member who
    chooses "never", or deletes their account, loses the row.
    """

    __tablename__ = "digest_schedules"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    #: The next 07:00 in the member's zone, on their day (UTC); NULL until first computed.
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    #: The end of the period the last digest covered; the next one starts there.
    last_covered_until: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<DigestSchedule {self.user_id} {self.next_due_at}>"
