"""Organisations: matching kinds and regions, checking websites, finding or creating."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.alliance.constants import (
    DESCRIPTION_MAX,
    NAME_MAX,
    ORGANISATION_KINDS,
    REGIONS,
    TERRITORY_MAX,
    WEBSITE_MAX,
)
from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.extensions import db
from portal.core.text import slugify

#: Other spellings people use in files, as slugs (the keys and labels are matched too).
KIND_ALIASES = {
    "collectivite-territoriale": "collectivite",
    "commune": "collectivite",
    "ville": "collectivite",
    "departement": "collectivite",
    "epci": "intercommunalite",
    "communaute-de-communes": "intercommunalite",
    "entreprise-privee": "entreprise",
    "reseau-d-acteurs": "reseau",
    "universite-ou-recherche": "universite",
    "recherche": "universite",
    "institution-publique": "institution",
    "etablissement-public": "institution",
}
REGION_ALIASES = {
    "paca": "provence-alpes-cote-d-azur",
    "idf": "ile-de-france",
    "reunion": "la-reunion",
    "aura": "auvergne-rhone-alpes",
}


def _kind_lookup() -> dict[str, str]:
    """Slug of every accepted spelling -> kind key, labels in every language included."""
    lookup = dict(KIND_ALIASES)
    for locale in ("en", "fr"):
        with force_locale(locale):
            lookup.update({slugify(str(label)): key for key, label in ORGANISATION_KINDS.items()})
    lookup.update({key: key for key in ORGANISATION_KINDS})
    return lookup


def resolve_kind(value: str | None) -> str | None:
    """The kind key for a key or label, accent- and case-insensitive ("Université" ok)."""
    return _kind_lookup().get(slugify(value or ""))


def resolve_region(value: str | None) -> str | None:
    """The region key for a key or name, accent- and case-insensitive ("hauts de france")."""
    slug = slugify(value or "")
    if slug in REGIONS:
        return slug
    by_name = {slugify(name): key for key, name in REGIONS.items()}
    return by_name.get(slug) or REGION_ALIASES.get(slug)


def normalize_website(value: str | None) -> str:
    """An http(s) URL or ""; a bare domain gets https://. Raises ValueError with the reason."""
    value = (value or "").strip()
    if not value:
        return ""
    if "://" not in value and ":" not in value.split("/")[0]:
        value = f"https://{value}"
    invalid = ValueError(_("The website address is not valid."))
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:  # "http://[::1" and the like
        raise invalid from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(_("The website must be an http:// or https:// address."))
    if not hostname or "." not in hostname or any(c.isspace() for c in value):
        raise invalid
    if len(value) > WEBSITE_MAX:
        raise ValueError(
            _("The website address is too long (%(max)d characters at most).", max=WEBSITE_MAX)
        )
    return value


def check_name(name: str | None) -> str:
    """A stripped organisation name with a usable slug. Raises ValueError with the reason."""
    name = " ".join((name or "").split())
    if not name:
        raise ValueError(_("The name is missing."))
    if len(name) > NAME_MAX:
        raise ValueError(_("The name is too long (%(max)d characters at most).", max=NAME_MAX))
    if not slugify(name):
        raise ValueError(_("The name must contain letters or digits."))
    return name


def find_by_slug(slug: str) -> Organisation | None:
    """The organisation with this slug, or None."""
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def get_or_create_organisation(
    *,
    name: str,
    kind: str,
    region: str,
    territory: str = "",
    website: str = "",
    description: str = "",
) -> tuple[Organisation, bool]:
    """The organisation of that name (by slug) if it exists, else a new one; (org, created).

    An existing organisation keeps its details: whoever types its name signs for
    it, and an administrator checks that claim. A concurrent creation of the same
    name is caught in a savepoint and resolved to the row that won.
    """
    slug = slugify(name)
    existing = find_by_slug(slug)
    if existing is not None:
        return existing, False
    organisation = Organisation(
        name=name,
        slug=slug,
        kind=kind,
        region=region,
        territory=territory[:TERRITORY_MAX],
        website=website,
        description=description[:DESCRIPTION_MAX],
    )
    try:
        with db.session.begin_nested():
            db.session.add(organisation)
    except IntegrityError:
        return find_by_slug(slug), False
    return organisation, True


def selectable_organisations() -> list[tuple[int, str]]:
    """(id, name) of organisations one may sign for: those already validated once."""
    validated = select(Signature.organisation_id).where(
        Signature.status == SignatureStatus.VALIDATED.value,
        Signature.organisation_id.is_not(None),
    )
    rows = db.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.id.in_(validated))
        .order_by(Organisation.slug)
    )
    return [(row.id, row.name) for row in rows]
