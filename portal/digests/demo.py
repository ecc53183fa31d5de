"""A week of activity for the demo member's digest (`flask portal seed-demo`).

The demo member follows the cohort's forum, and over the last days a reply and a
new material appeared; the demo allies and experiences, imported and published by
the same seed, are new too. Their digest is due at once, covering the past week, so that the first
`flask portal worker --once` writes it to instance/mail/. Idempotent: each piece is
known by its title, and the schedule is set only if the member has none.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.services import find_user_by_email
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.digests.models import DigestSchedule
from portal.forums.models import Post, Thread
from portal.forums.services import add_post
from portal.forums.subscriptions import level_of, set_level
from portal.materials import services as materials
from portal.materials.models import Material
from portal.spaces.models import Space

DEMO_MEMBER = "membre@example.org"
COHORT_SLUG = "territoires-pilotes-2027"
REPLY_AUTHOR = "sophie.leroux@example.org"
REPLY = (
    "Sophie, pour le Pays de Morlaix : nous venons d'ouvrir une ressourcerie avec les "
    "habitants. Je partage notre convention de partenariat dans les supports."
)
MATERIAL = {
    "title": "Convention de partenariat de la ressourcerie",
    "url": "https://www.example.org/ressourcerie/convention",
    "description": "Le modèle signé avec la communauté de communes.",
}


def _reply(space: Space, days_ago: int) -> bool:
    """A reply in the cohort's first thread, `days_ago` days back."""
    author = find_user_by_email(REPLY_AUTHOR)
    thread = db.session.scalar(
        select(Thread).where(Thread.space_id == space.id).order_by(Thread.id).limit(1)
    )
    if author is None or thread is None:
        return False
    if db.session.scalar(select(Post.id).where(Post.thread_id == thread.id, Post.body == REPLY)):
        return False
    post = add_post(thread, author, REPLY)
    post.created_at = utcnow() - timedelta(days=days_ago)
    return True


def _material(space: Space, poster, days_ago: int) -> bool:
    """A link posted in the cohort, `days_ago` days back."""
    same = (Material.space_id == space.id) & (Material.title == MATERIAL["title"])
    exists = db.session.scalar(select(Material.id).where(same))
    if exists or poster is None:
        return False
    fields = materials.MaterialFields(
        title=MATERIAL["title"], description=MATERIAL["description"], visibility="space"
    )
    posted = materials.post_material(space, poster, fields, url=MATERIAL["url"])
    posted.created_at = utcnow() - timedelta(days=days_ago)
    return True


def _organisation(member) -> None:
    """Tie the demo member to the organisation of an experience they wrote, so that their
    digest can suggest experiences close to their territory's."""
    from portal.experiences.models import Experience

    if member.organisation_id is None:
        member.organisation_id = db.session.scalar(
            select(Experience.organisation_id)
            .where(Experience.author_id == member.id)
            .order_by(Experience.id)
            .limit(1)
        )


def seed_digest_demo() -> list[str]:
    """Seed the week of activity and make the demo member's digest due; lines for the console."""
    member = find_user_by_email(DEMO_MEMBER)
    space = db.session.scalar(select(Space).where(Space.slug == COHORT_SLUG))
    if member is None or space is None:
        return ["Digest demo: no demo member or cohort, skipped."]
    _organisation(member)
    if level_of(member, space=space) is None:
        set_level(member, "follow", space=space)
    added = _reply(space, 2) + _material(space, find_user_by_email("facilitatrice@example.org"), 3)
    line = f"Digest demo: {added} pieces of activity added"
    if db.session.get(DigestSchedule, member.id) is None:
        now = utcnow()
        db.session.add(
            DigestSchedule(
                user_id=member.id, next_due_at=now, last_covered_until=now - timedelta(days=7)
            )
        )
        line += ", the demo member's digest is due now"
    db.session.flush()
    return [line + "."]
