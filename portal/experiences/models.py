"""Experiences (retours d'expérience), their tags, "this helped me" marks, and themes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.experiences.constants import DRAFT, FUNDAMENTALS, PUBLISHED, VISIBILITY_BADGES

experience_themes = Table(
    "experience_themes",
    db.metadata,
    Column("experience_id", ForeignKey("experiences.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True),
)

#: The sessions where an experience was presented.
experience_meetings = Table(
    "experience_meetings",
    db.metadata,
    Column("experience_id", ForeignKey("experiences.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Theme(db.Model):
    """A theme of experiences and materials (energy, food…), editable by administrators.

    Materials store the key; experiences link to the row. While the table is empty
    the built-in list of portal.materials.constants.THEMES applies (see themes.py).
    """

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored on materials: never changed once created.
    key: Mapped[str] = mapped_column(String(40), unique=True)
    label_fr: Mapped[str] = mapped_column(String(80))
    label_en: Mapped[str] = mapped_column(String(80))
    #: Display order, smallest first.
    position: Mapped[int] = mapped_column(default=0)
    #: Inactive themes keep their labels but are no longer offered.
    is_active: Mapped[bool] = mapped_column(default=True)

    def label(self, locale: str | None) -> str:
        """The label in `locale` ("fr" or anything else: English)."""
        return self.label_fr if (locale or "fr").startswith("fr") else self.label_en

    def __repr__(self) -> str:
        return f"<Theme {self.key}>"


class Experience(db.Model):
    """A territory's structured write-up of something it tried, for other territories."""

    __tablename__ = "experiences"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published')", name="status"),
        CheckConstraint("visibility IN ('allies', 'public')", name="visibility"),
        Index("ix_experiences_status_published", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: The ally organisation whose experience it is.
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    #: Who wrote it; kept (shown as "Former member") when the account is deleted.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: The space where it was worked on, if any.
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id", ondelete="SET NULL"))
    territory: Mapped[str] = mapped_column(String(200), default="")
    #: A key of portal.alliance.constants.REGIONS.
    region: Mapped[str] = mapped_column(String(40), index=True)
    #: Free text ("2015–2020"); start_year/end_year when they are known, for sorting.
    period: Mapped[str] = mapped_column(String(60), default="")
    start_year: Mapped[int | None] = mapped_column()
    end_year: Mapped[int | None] = mapped_column()
    #: The parts of the write-up, Markdown rendered by portal.core.markdown.
    context: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    actors: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    budget: Mapped[str] = mapped_column(String(300), default="")
    #: Shown only to signed-in allies.
    contact_name: Mapped[str] = mapped_column(String(300), default="")
    contact_details: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    visibility: Mapped[str] = mapped_column(String(10), default="allies")
    #: First publication (kept when unpublished and published again).
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Cached count of HelpfulMark rows, for sorting by usefulness.
    helpful_count: Mapped[int] = mapped_column(default=0)
    #: The forum thread of its discussion (portal.forums), opened at first publication.
    discussion_thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("threads.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    organisation = relationship("Organisation")
    author = relationship("User")
    space = relationship("Space")
    fundamentals: Mapped[list[ExperienceFundamental]] = relationship(
        cascade="all, delete-orphan", order_by="ExperienceFundamental.key"
    )
    themes: Mapped[list[Theme]] = relationship(
        secondary=experience_themes, order_by="Theme.position"
    )
    meetings = relationship("Meeting", secondary=experience_meetings, order_by="Meeting.starts_at")

    @property
    def is_published(self) -> bool:
        """Published (visible beyond its writers)."""
        return self.status == PUBLISHED

    @property
    def is_public(self) -> bool:
        """Visible to visitors who are not signed in, once published."""
        return self.visibility == "public"

    @property
    def fundamental_keys(self) -> list[str]:
        """The keys of its fundamentals, in the fixed order."""
        mine = {f.key for f in self.fundamentals}
        return [key for key in FUNDAMENTALS if key in mine]

    @property
    def fundamental_labels(self) -> list:
        """The translated labels of its fundamentals."""
        return [FUNDAMENTALS[key] for key in self.fundamental_keys]

    @property
    def region_name(self) -> str:
        """The region's official name ("Hauts-de-France")."""
        from portal.alliance.constants import REGIONS

        return REGIONS.get(self.region, self.region)

    @property
    def visibility_label(self):
        """Who may read it, in a few words."""
        return VISIBILITY_BADGES.get(self.visibility, "")

    @property
    def author_name(self) -> str:
        """The author's public name ("Former member" once deleted)."""
        return self.author.public_name if self.author else ""

    def __repr__(self) -> str:
        return f"<Experience {self.id} {self.status}>"


class ExperienceFundamental(db.Model):
    """One of the four fundamentals an experience illustrates."""

    __tablename__ = "experience_fundamentals"
    __table_args__ = (
        CheckConstraint(
            "key IN ('engagement', 'systemic', 'cooperation', 'value')", name="known_key"
        ),
    )

    experience_id: Mapped[int] = mapped_column(
        ForeignKey("experiences.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)

    @property
    def label(self):
        """The translated label."""
        return FUNDAMENTALS.get(self.key, self.key)


class HelpfulMark(db.Model):
    """A member found an experience helpful ("this helped me"): one per member and experience."""

    __tablename__ = "helpful_marks"
    __table_args__ = (UniqueConstraint("experience_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    experience_id: Mapped[int] = mapped_column(ForeignKey("experiences.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
