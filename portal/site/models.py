"""Messages sent through the accessibility and contact form."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class ContactMessage(db.Model):
    """A message to the administrators (accessibility problem, question)."""

    __tablename__ = "contact_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    #: "accessibility" or "other".
    topic: Mapped[str] = mapped_column(String(20))
    #: The page where the problem was met, if any.
    page_url: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: When an administrator marked it handled.
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
