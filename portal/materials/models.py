"""Materials: files and links shared in a space or a session, and the alliance's library."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class MaterialKind(enum.StrEnum):
    """An uploaded file, or a link to elsewhere."""

    FILE = "file"
    LINK = "link"


class Visibility(enum.StrEnum):
    """Who may see a material (portal/core/permissions.py can_download_material)."""

    SPACE = "space"  #: members of its space
    ALLIES = "allies"  #: anyone signed in to the portal
    PUBLIC = "public"  #: everyone


class ModerationState(enum.StrEnum):
    """Where a resource shared by an ally stands; everything else is published at once."""

    PENDING = "pending"  #: waits for a moderator (new, or edited since)
    PUBLISHED = "published"  #: in the library
    DECLINED = "declined"  #: refused, with a reason the author reads


class Material(db.Model):
    """A file or a link posted in a space (optionally for one session of it)."""

    __tablename__ = "materials"
    __table_args__ = (
        CheckConstraint("kind IN ('file', 'link')", name="kind"),
        CheckConstraint("visibility IN ('space', 'allies', 'public')", name="visibility"),
        # A "space" material needs a space to be seen by anyone.
        CheckConstraint("visibility <> 'space' OR space_id IS NOT NULL", name="space_needs_space"),
        CheckConstraint(
            "(kind = 'file' AND stored_name IS NOT NULL AND url IS NULL)"
            " OR (kind = 'link' AND url IS NOT NULL AND stored_name IS NULL)",
            name="file_or_link",
        ),
        CheckConstraint("status IN ('pending', 'published', 'declined')", name="status"),
        Index("ix_materials_space_created", "space_id", "created_at"),
        Index("ix_materials_visibility_created", "visibility", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The space it was posted in; None for an alliance-wide resource.
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    #: The session it belongs to (then space_id is that session's space).
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    #: The experience it is attached to (then it is seen by whoever sees the experience).
    experience_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiences.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, rendered through portal.core.markdown.
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(8))
    #: Links only: http or https.
    url: Mapped[str | None] = mapped_column(String(2000))
    #: Files only: random name under UPLOAD_ROOT/materials (portal.core.uploads).
    stored_name: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: Files only: the sender's file name without folders, offered on download.
    display_name: Mapped[str] = mapped_column(String(255), default="")
    #: Files only: the content type detected from the bytes (not the sender's claim).
    content_type: Mapped[str] = mapped_column(String(100), default="")
    #: Files only: bytes.
    size: Mapped[int] = mapped_column(default=0)
    #: document, spreadsheet, presentation, image or link: the /resources type filter.
    family: Mapped[str] = mapped_column(String(16), index=True)
    visibility: Mapped[str] = mapped_column(String(10), default=Visibility.SPACE.value)
    #: A key of the Theme table (portal.experiences.themes), or None.
    theme: Mapped[str | None] = mapped_column(String(40), index=True)
    posted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    #: Moderation of resources shared by allies (portal.materials.sharing); the rest is
    #: published as soon as posted (the server default covers rows older than moderation).
    status: Mapped[str] = mapped_column(
        String(10), default=ModerationState.PUBLISHED.value, server_default="published", index=True
    )
    #: Why a moderator declined it, for its author.
    decline_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The organisation credited by the ally who shared it (one they signed for), or None.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    #: Its language (a key of constants.LANGUAGES), or None when not said.
    language: Mapped[str | None] = mapped_column(String(5))

    space = relationship("Space")
    meeting = relationship("Meeting")
    posted_by = relationship("User", foreign_keys=[posted_by_id])
    moderated_by = relationship("User", foreign_keys=[moderated_by_id])
    experience = relationship("Experience")
    organisation = relationship("Organisation")
    fundamentals: Mapped[list[MaterialFundamental]] = relationship(
        cascade="all, delete-orphan", order_by="MaterialFundamental.key"
    )
    #: Every theme of a shared resource (`theme` holds the first, for the library's filter).
    theme_links: Mapped[list[MaterialTheme]] = relationship(
        cascade="all, delete-orphan", order_by="MaterialTheme.key"
    )

    @property
    def is_published(self) -> bool:
        """In the library (anything not shared by an ally is published when posted)."""
        return self.status == ModerationState.PUBLISHED.value

    @property
    def is_pending(self) -> bool:
        """Waiting for a moderator."""
        return self.status == ModerationState.PENDING.value

    @property
    def is_declined(self) -> bool:
        """Refused by a moderator."""
        return self.status == ModerationState.DECLINED.value

    @property
    def is_shared_resource(self) -> bool:
        """Shared with the alliance from /resources: in no space, attached to no experience."""
        return self.space_id is None and self.experience_id is None

    @property
    def fundamental_labels(self) -> list:
        """The translated labels of its fundamentals, in the fixed order."""
        from portal.experiences.constants import FUNDAMENTALS

        mine = {f.key for f in self.fundamentals}
        return [label for key, label in FUNDAMENTALS.items() if key in mine]

    @property
    def theme_keys(self) -> list[str]:
        """Its theme keys: every one of a shared resource, else its single theme."""
        keys = [link.key for link in self.theme_links]
        return keys or ([self.theme] if self.theme else [])

    @property
    def theme_labels(self) -> list:
        """The translated labels of its themes, in the themes' display order."""
        from portal.experiences.themes import all_themes

        mine = set(self.theme_keys)
        return [t.label for t in all_themes() if t.key in mine]

    @property
    def language_label(self):
        """Its language's name, or ""."""
        from portal.materials.constants import LANGUAGES

        return LANGUAGES.get(self.language or "", "")

    @property
    def status_label(self):
        """Its moderation state, in a few words."""
        from portal.materials.constants import MODERATION_STATES

        return MODERATION_STATES.get(self.status, "")

    @property
    def is_file(self) -> bool:
        """An uploaded file (downloaded through the permission check)."""
        return self.kind == MaterialKind.FILE.value

    @property
    def is_link(self) -> bool:
        """A link to another site."""
        return self.kind == MaterialKind.LINK.value

    @property
    def theme_label(self):
        """The theme's translated label, or ""."""
        from portal.materials.constants import theme_label

        return theme_label(self.theme)

    @property
    def family_label(self):
        """The type family's translated label."""
        from portal.materials.constants import FAMILIES

        return FAMILIES.get(self.family, "")

    @property
    def visibility_label(self):
        """Who may see it, in a few words."""
        from portal.materials.constants import VISIBILITY_BADGES

        return VISIBILITY_BADGES.get(self.visibility, "")

    @property
    def visibility_description(self):
        """Who may see it, in a sentence."""
        from portal.materials.constants import VISIBILITIES

        return VISIBILITIES.get(self.visibility, "")

    @property
    def size_label(self) -> str:
        """The file size for people ("" for links)."""
        from portal.core.uploads import format_size

        return format_size(self.size) if self.is_file else ""

    def __repr__(self) -> str:
        return f"<Material {self.id} {self.kind}>"


class MaterialFundamental(db.Model):
    """One of the four fundamentals a shared resource serves (portal.experiences.constants)."""

    __tablename__ = "material_fundamentals"
    __table_args__ = (
        CheckConstraint(
            "key IN ('engagement', 'systemic', 'cooperation', 'value')", name="known_key"
        ),
    )

    material_id: Mapped[int] = mapped_column(
        ForeignKey("materials.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)


class MaterialTheme(db.Model):
    """One theme of a shared resource: a key of the Theme table (portal.experiences.themes)."""

    __tablename__ = "material_themes"

    material_id: Mapped[int] = mapped_column(
        ForeignKey("materials.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class MaterialReport(db.Model):
    """Someone signed in reported a resource to the moderators: one per person and resource."""

    __tablename__ = "material_reports"
    __table_args__ = (UniqueConstraint("material_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(
        ForeignKey("materials.id", ondelete="CASCADE"), index=True
    )
    #: Who reported it; the report goes with their account.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    material = relationship("Material")
    user = relationship("User")
