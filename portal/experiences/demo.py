"""Demo experiences for `flask portal seed-demo`: 20+ write-ups by the demo territories.

Idempotent: an experience is identified by its organisation and title, and left as
it is when found. Run after the allies and the demo accounts (spaces demo) exist.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.alliance.models import Organisation
from portal.core.extensions import db
from portal.core.text import slugify
from portal.experiences import services
from portal.experiences.demo_data import EXPERIENCES
from portal.experiences.models import Experience
from portal.experiences.themes import seed_themes

#: Who wrote the demo experiences (accounts of the spaces demo), in turn.
AUTHORS = (
    "lea.martin@example.org",
    "karim.benali@example.org",
    "sophie.leroux@example.org",
    "yann.kerouac@example.org",
    "membre@example.org",
)
#: Readers who found some of them helpful, for the "most helpful" sort.
READERS = ("facilitatrice@example.org", "facilitateur@example.org", "admin@example.org")


def _accounts(emails) -> list[User]:
    """The existing accounts among `emails`, in order."""
    found = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
    return [found[e] for e in emails if e in found]


def _fields(entry: dict, organisation: Organisation, number: int) -> services.ExperienceFields:
    """The write-up of one demo entry."""
    parts = {name: entry[name] for name in services.TEXT_PARTS}
    return services.ExperienceFields(
        title=entry["title"],
        region=organisation.region,
        territory=organisation.territory,
        period=entry["period"],
        start_year=entry["start_year"],
        end_year=entry["end_year"],
        budget=entry["budget"],
        contact_name=f"Service transition — {organisation.name}",
        contact_details=f"transition@{slugify(organisation.name)}.example.org",
        visibility="public" if number % 3 else "allies",
        fundamentals=entry["fundamentals"],
        themes=entry["themes"],
        **parts,
    )


def seed_experiences_demo() -> list[str]:
    """Create the missing demo experiences, published; returns lines for the seed report."""
    seed_themes()
    authors = _accounts(AUTHORS) or _accounts(("admin@example.org",))
    readers = _accounts(READERS)
    if not authors:
        return ["Experiences: no demo account to write them, skipped."]
    created = existing = missing = 0
    for number, entry in enumerate(EXPERIENCES):
        organisation = db.session.scalar(
            select(Organisation).where(Organisation.slug == slugify(entry["organisation"]))
        )
        if organisation is None:
            missing += 1
            continue
        found = db.session.scalar(
            select(Experience.id).where(
                Experience.organisation_id == organisation.id, Experience.title == entry["title"]
            )
        )
        if found is not None:
            existing += 1
            continue
        author = authors[number % len(authors)]
        experience = services.create_experience(
            organisation, author, _fields(entry, organisation, number)
        )
        services.publish(experience, author)
        for reader in readers[: number % (len(readers) + 1)]:
            services.toggle_helpful(experience, reader)
        created += 1
    line = f"Experiences: {created} created, {existing} already there"
    return [line + (f", {missing} skipped (organisation missing)." if missing else ".")]
