"""A week of realistic activity for `members` members, inserted in bulk (bench/email.py).

Proportions of a lively alliance: 400 allies (a few new this week), one space per 100
members with three spaces per member, sessions ahead, materials and forum threads of
the week, members following threads and forums (a third read forum news in their
digest), peer experiences (four per space) tagged by fundamentals and themes, and a digest schedule
due at `now` for everyone (weekly, a few daily; most in Paris, some in Réunion).
Rows are built and inserted in chunks with known ids, so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from sqlalchemy import insert

from portal.accounts.models import User
from portal.alliance.models import Organisation, Signature
from portal.core.extensions import db
from portal.digests.models import DigestSchedule
from portal.digests.timing import at_local
from portal.experiences.models import (
    Experience,
    ExperienceFundamental,
    Theme,
    experience_themes,
)
from portal.forums.models import Post, Subscription, Thread
from portal.materials.models import Material
from portal.meetings.models import Meeting
from portal.notifications.schedulers import chunks
from portal.spaces.models import Membership, Space

ORGANISATIONS = 400
NEW_ALLIES = 12
SPACES_PER_MEMBER = 3
MEMBERS_PER_SPACE = 100
#: Peer experiences per member (400 for 10,000 members: four per space).
EXPERIENCES_PER_MEMBER = 0.04
THEMES = ("energie", "mobilite", "alimentation", "habitat", "eau", "biodiversite")
FUNDAMENTALS = ("engagement", "systemic", "cooperation", "value")
KINDS = ("collectivite", "association", "entreprise", "reseau", "universite")
REGIONS = ("bretagne", "normandie", "hauts-de-france", "occitanie", "grand-est")
WORDS = (
    "transition énergie mobilité habitants coopérative alimentation locale rénovation "
    "biodiversité eau circuits courts concertation jardins partagés chaleur réseau "
    "tiers-lieu agriculture sobriété friche mutualisation emploi insertion climat"
).split()
WRITE_UP = ("context", "actions", "results", "lessons")
CHUNK = 2000


def text(n: int, length: int = 40) -> str:
    """A French-ish paragraph, different for each `n`."""
    return " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(length))


def chunked(rows: Iterable[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    """`rows` in lists of `size` (the schedulers' own chunking, with the bench's size)."""
    return chunks(rows, size)


def bulk(model, rows: Iterable[dict]) -> None:
    """Insert `rows` chunk by chunk, committing each (ORM bulk INSERT, no objects)."""
    for batch in chunked(rows):
        db.session.execute(insert(model), batch)
        db.session.commit()


def seed(members: int, now: datetime, password_hash: str) -> dict[str, int]:
    """Insert everything; returns the row counts by table."""
    week_ago = now - timedelta(days=7)
    spaces = max(3, members // MEMBERS_PER_SPACE)
    counts = {"organisations": ORGANISATIONS, "members": members, "spaces": spaces}
    bulk(Organisation, _organisations(now))
    bulk(Signature, _signatures(now))
    bulk(User, _users(members, now, password_hash))
    bulk(Space, _spaces(spaces, now))
    bulk(Membership, _memberships(members, spaces, week_ago))
    counts["meetings"] = _count(Meeting, _meetings(spaces, now))
    counts["materials"] = _count(Material, _materials(spaces, members, week_ago))
    threads = spaces * 4
    bulk(Thread, _threads(spaces, members, now))
    counts["posts"] = _count(Post, _posts(threads, spaces, members, week_ago))
    counts["subscriptions"] = _count(Subscription, _subscriptions(members, spaces))
    experiences = max(20, int(members * EXPERIENCES_PER_MEMBER))
    _experiences(now, spaces, experiences)
    counts["experiences"] = experiences
    bulk(DigestSchedule, _schedules(members, now))
    return counts


def _count(model, rows: Iterable[dict]) -> int:
    """Insert `rows` and say how many there were."""
    total = 0

    def counted():
        nonlocal total
        for row in rows:
            total += 1
            yield row

    bulk(model, counted())
    return total


def _organisations(now):
    for n in range(1, ORGANISATIONS + 1):
        yield {
            "id": n,
            "name": f"Territoire {n}",
            "slug": f"territoire-{n}",
            "kind": KINDS[n % len(KINDS)],
            "region": REGIONS[n % len(REGIONS)],
            "territory": f"Commune {n}",
            "description": text(n, 20),
            "created_at": now - timedelta(days=400),
            "updated_at": now - timedelta(days=400),
        }


def _signatures(now):
    for n in range(1, ORGANISATIONS + 1):
        # The last NEW_ALLIES joined this week: the digests announce them.
        decided = now - timedelta(days=1 + n % 6 if n > ORGANISATIONS - NEW_ALLIES else 300)
        yield {
            "id": n,
            "charter_version": 1,
            "signatory_key": f"organisation:{n}",
            "organisation_id": n,
            "status": "validated",
            "represents_organisation": True,
            "signed_at": decided - timedelta(days=2),
            "decided_at": decided,
            "source": "import",
        }


def _users(members, now, password_hash):
    for n in range(1, members + 1):
        preferences = {}
        if n % 3 == 0:
            preferences["forum"] = "digest"
        if n % 20 == 0:
            preferences["digest"] = "daily"
        yield {
            "id": n,
            "email": f"membre{n}@example.org",
            "display_name": f"Membre {n}",
            "password_hash": password_hash,
            "role": "member",
            "organisation_id": 1 + n % ORGANISATIONS if n % 5 < 3 else None,
            "locale": "en" if n % 7 == 0 else "fr",
            "timezone": "Indian/Reunion" if n % 25 == 0 else "Europe/Paris",
            "notification_preferences": preferences,
            "email_confirmed_at": now - timedelta(days=100),
            "created_at": now - timedelta(days=100),
        }


def _spaces(spaces, now):
    for s in range(1, spaces + 1):
        yield {
            "id": s,
            "slug": f"espace-{s}",
            "title": f"Communauté {s}",
            "kind": "community" if s % 2 else "cohort",
            "created_at": now - timedelta(days=200),
        }


def _spaces_of(member: int, spaces: int) -> list[int]:
    """The distinct spaces of a member."""
    first = member % spaces
    return [1 + (first + k * (spaces // SPACES_PER_MEMBER or 1)) % spaces for k in range(3)][
        : min(SPACES_PER_MEMBER, spaces)
    ]


def _memberships(members, spaces, joined):
    for n in range(1, members + 1):
        for space_id in dict.fromkeys(_spaces_of(n, spaces)):
            yield {"space_id": space_id, "user_id": n, "role": "member", "joined_at": joined}


def _meetings(spaces, now):
    for s in range(1, spaces + 1):
        for k, days in enumerate((-3, 2, 6, 11)):
            starts = now + timedelta(days=days, hours=s % 8)
            yield {
                "space_id": s,
                "title": f"Séance {k + 1} de la communauté {s}",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "visio_url": "https://visio.example.org/room",
                "created_at": now - timedelta(days=30),
                "updated_at": now - timedelta(days=30),
            }


def _materials(spaces, members, since):
    for s in range(1, spaces + 1):
        for k in range(4):
            yield {
                "space_id": s,
                "title": f"Compte rendu {k + 1} — communauté {s}",
                "description": text(s + k, 15),
                "kind": "link",
                "url": f"https://docs.example.org/{s}/{k}",
                "family": "link",
                "visibility": "space",
                "posted_by_id": 1 + (s * 37 + k) % members,
                "created_at": since + timedelta(hours=10 + k * 30),
                "updated_at": since + timedelta(hours=10 + k * 30),
            }


def _threads(spaces, members, now):
    for t in range(1, spaces * 4 + 1):
        yield {
            "id": t,
            "space_id": 1 + (t - 1) // 4,
            "title": f"Échanges sur {WORDS[t % len(WORDS)]} ({t})",
            "author_id": 1 + (t * 53) % members,
            "created_at": now - timedelta(days=20),
            "last_post_at": now - timedelta(hours=5),
            "post_count": 8,
        }


def _posts(threads, spaces, members, since):
    for t in range(1, threads + 1):
        for k in range(8):
            body = text(t + k, 30)
            yield {
                "thread_id": t,
                "author_id": 1 + (t * 31 + k * 17) % members,
                "body": body,
                "body_html": f"<p>{body}</p>",
                "created_at": since + timedelta(hours=6 + k * 18),
            }


def _subscriptions(members, spaces):
    for n in range(1, members + 1):
        mine = _spaces_of(n, spaces)
        for k, space_id in enumerate(mine[:2]):
            thread_id = (space_id - 1) * 4 + 1 + (n + k) % 4
            yield {"user_id": n, "thread_id": thread_id, "level": "follow"}
        if n % 5 == 0:
            yield {"user_id": n, "space_id": mine[-1], "level": "follow"}


def _experiences(now, spaces, count) -> None:
    """Themes, then experiences with their fundamentals and themes."""
    bulk(
        Theme,
        (
            {"id": i, "key": key, "label_fr": key.title(), "label_en": key.title(), "position": i}
            for i, key in enumerate(THEMES, start=1)
        ),
    )
    rows, fundamentals, themes = [], [], []
    for e in range(1, count + 1):
        published = now - timedelta(days=1 + e % 6 if e % 10 == 0 else 10 + e % 90)
        rows.append(
            {
                "id": e,
                "title": f"{WORDS[e % len(WORDS)].capitalize()} partagée à la commune {e}",
                "organisation_id": 1 + (e * 2) % ORGANISATIONS,
                "author_id": None,
                "space_id": 1 + (e * 7) % spaces,
                "region": REGIONS[e % len(REGIONS)],
                **{part: text(e + i, 35) for i, part in enumerate(WRITE_UP)},
                "status": "published",
                "visibility": "allies",
                "published_at": published,
                "created_at": published,
                "updated_at": published,
            }
        )
        fundamentals += [{"experience_id": e, "key": FUNDAMENTALS[(e + i) % 4]} for i in range(2)]
        themes += [{"experience_id": e, "theme_id": 1 + (e + i) % len(THEMES)} for i in range(2)]
    bulk(Experience, rows)
    bulk(ExperienceFundamental, fundamentals)
    db.session.execute(insert(experience_themes), themes)
    db.session.commit()


def _schedules(members, now):
    """Everyone's digest is due at `now`: the last one went out one period earlier."""
    for n in range(1, members + 1):
        zone = "Indian/Reunion" if n % 25 == 0 else "Europe/Paris"
        due = at_local(now.date(), zone)  # 07:00 local on that Monday (`now` is UTC)
        period = timedelta(days=1 if n % 20 == 0 else 7)
        yield {"user_id": n, "next_due_at": due, "last_covered_until": due - period}
