"""Demo spaces for `flask portal seed-demo`: a cohort and two learning communities.

Idempotent: a space, an account or a membership already there is left exactly as
it is, so seeding twice changes nothing. The sessions, materials and threads of these
spaces come from those domains' own demo modules, called after this one by
`flask portal seed-demo` (portal/site/cli.py): spaces sits below them.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.accounts.demo import seed_account
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.spaces.models import (
    Invitation,
    InvitationStatus,
    Membership,
    Space,
    SpaceKind,
    SpaceRole,
)

FACILITATORS = (
    ("facilitatrice@example.org", "Claire Facilitatrice"),
    ("facilitateur@example.org", "Hugo Facilitateur"),
)
MEMBERS = (
    ("membre@example.org", "Alex Membre"),
    ("lea.martin@example.org", "Léa Martin"),
    ("karim.benali@example.org", "Karim Benali"),
    ("sophie.leroux@example.org", "Sophie Le Roux"),
    ("yann.kerouac@example.org", "Yann Kerouac"),
)

COHORT = {
    "slug": "territoires-pilotes-2027",
    "title": "Territoires pilotes 2027",
    "kind": SpaceKind.COHORT.value,
    "cover_colour": "#005f73",
    "description": (
        "Une année d'accompagnement pour dix territoires qui engagent leur transition.\n\n"
        "## Le programme\n\n"
        "- des séances mensuelles en visio, et trois rencontres sur site ;\n"
        "- un diagnostic partagé des **quatre fondamentaux** ;\n"
        "- un récit de territoire à publier en fin de parcours.\n"
    ),
}
#: The next edition, whose call for applications is open (portal.programmes.calls.demo);
#: fixed dates, its facilitators those of 2027, its members still to be chosen.
COHORT_2028 = {
    "slug": "territoires-pilotes-2028",
    "title": "Territoires pilotes 2028",
    "kind": SpaceKind.COHORT.value,
    "cover_colour": "#005f73",
    "starts_on": date(2028, 1, 15),
    "ends_on": date(2028, 12, 15),
    "description": "La deuxième édition du parcours national des territoires pilotes.",
}
COMMUNITIES = (
    {
        "slug": "mise-en-recit",
        "title": "Mise en récit",
        "kind": SpaceKind.COMMUNITY.value,
        "cover_colour": "#8c2155",
        "description": (
            "Raconter la transition de son territoire : ateliers d'écriture, "
            "portraits d'habitants, récits filmés. Ouvert à tous les alliés."
        ),
    },
    {
        "slug": "fabriques-locales",
        "title": "Fabriques locales",
        "kind": SpaceKind.COMMUNITY.value,
        "cover_colour": "#7a4b00",
        "description": (
            "Tiers-lieux, ateliers partagés et fabriques de territoire : "
            "échanger les pratiques et les modèles économiques."
        ),
    },
)
#: slug -> (facilitator emails, member emails)
PEOPLE = {
    "territoires-pilotes-2027": (
        ("facilitatrice@example.org", "facilitateur@example.org"),
        tuple(email for email, _name in MEMBERS),
    ),
    "mise-en-recit": (
        ("facilitatrice@example.org",),
        ("membre@example.org", "lea.martin@example.org", "sophie.leroux@example.org"),
    ),
    "territoires-pilotes-2028": (("facilitatrice@example.org", "facilitateur@example.org"), ()),
    "fabriques-locales": (
        ("facilitateur@example.org",),
        ("karim.benali@example.org", "yann.kerouac@example.org"),
    ),
}


def cohort_dates(today: date) -> dict:
    """The demo cohort runs from eight weeks ago for about a year, so that the demo
    programme of sessions (some past, some to come) falls within it."""
    starts_on = today - timedelta(weeks=8)
    return {"starts_on": starts_on, "ends_on": starts_on + timedelta(weeks=47)}


def _space(fields: dict, creator) -> tuple[Space, bool]:
    """The demo space of `fields["slug"]`, created if missing; (space, created)."""
    space = db.session.scalar(select(Space).where(Space.slug == fields["slug"]))
    if space is not None:
        return space, False
    if fields["kind"] == SpaceKind.COHORT.value and "starts_on" not in fields:
        fields = dict(fields, **cohort_dates(utcnow().astimezone(ZoneInfo("Europe/Paris")).date()))
    space = Space(timezone="Europe/Paris", created_by_id=creator.id, created_at=utcnow(), **fields)
    db.session.add(space)
    db.session.flush()
    return space, True


def _membership(space: Space, user, role: str, inviter) -> bool:
    """Put `user` in `space` unless already there; cohort members joined by invitation."""
    exists = db.session.scalar(
        select(Membership.id).where(Membership.space_id == space.id, Membership.user_id == user.id)
    )
    if exists:
        return False
    now = utcnow()
    db.session.add(Membership(space_id=space.id, user_id=user.id, role=role, joined_at=now))
    if space.is_cohort and role == SpaceRole.MEMBER.value:
        # The invitation list shows who accepted; no email is sent for the demo.
        db.session.add(
            Invitation(
                space_id=space.id,
                email=user.email,
                status=InvitationStatus.ACCEPTED.value,
                invited_by_id=inviter.id,
                created_at=now,
                last_sent_at=now,
                accepted_at=now,
                accepted_by_id=user.id,
            )
        )
    db.session.flush()
    return True


def seed_spaces_demo() -> list[str]:
    """Create the demo spaces, their facilitators and members; returns lines for the console."""
    lines = []
    accounts = {}
    for label, people in (("facilitator", FACILITATORS), ("member", MEMBERS)):
        for email, name in people:
            accounts[email], created = seed_account(email, name, "member")
            if created:
                lines.append(f"Account {email} (demo {label}): created.")
    creator = accounts["facilitatrice@example.org"]
    for fields in (COHORT, COHORT_2028, *COMMUNITIES):
        space, created = _space(fields, creator)
        facilitators, members = PEOPLE[space.slug]
        added = sum(
            _membership(space, accounts[e], SpaceRole.FACILITATOR.value, creator)
            for e in facilitators
        )
        added += sum(
            _membership(space, accounts[e], SpaceRole.MEMBER.value, creator) for e in members
        )
        state = "created" if created else "already there"
        lines.append(f"Space {space.title}: {state}, {added} people added.")
    return lines
