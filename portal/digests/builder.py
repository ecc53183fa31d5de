"""One member's digest: the sections of a period, in their language, or None when empty."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, has_request_context
from flask_babel import force_locale

from portal.digests import sections
from portal.digests.sections import Item


@dataclass
class Digest:
    """What one digest email shows; `frequency` is "daily" or "weekly"."""

    since: datetime
    until: datetime
    sessions: list[Item] = field(default_factory=list)
    materials: list[Item] = field(default_factory=list)
    threads: list[Item] = field(default_factory=list)
    experiences: list[Item] = field(default_factory=list)
    allies: list[Item] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing to tell: no email is sent."""
        return not any(self.context().values())

    def context(self) -> dict:
        """The template's variables."""
        return {
            "sessions": self.sessions,
            "materials": self.materials,
            "threads": self.threads,
            "experiences": self.experiences,
            "allies": self.allies,
        }


def _url_context():
    """One request context on the portal's URL for all the links of a digest (none in a
    worker), instead of one per link."""
    if has_request_context():
        return nullcontext()
    base_url = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    return current_app.test_request_context(base_url=base_url)


def build_digest(user, since: datetime, until: datetime) -> Digest | None:
    """`user`'s digest of what happened in (since, until], or None when there is nothing."""
    with _url_context(), force_locale(user.locale or "fr"):
        digest = Digest(
            since=since,
            until=until,
            sessions=sections.upcoming_sessions(user, until),
            materials=sections.new_materials(user, since, until),
            threads=sections.forum_activity(user, since, until),
            experiences=sections.close_experiences(user, since, until),
            allies=sections.new_allies(since, until),
        )
    return None if digest.is_empty else digest
