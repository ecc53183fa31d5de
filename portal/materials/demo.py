"""Demo materials for `flask portal seed-demo`: files and links in the demo spaces.

Called by `flask portal seed-demo` (portal/site/cli.py) once the spaces (and their
sessions) exist. The files are made here, in code, and stored through the same upload
rules as real ones. Safe to run again: a material already there (same space, same title) is kept.
"""

from __future__ import annotations

from io import BytesIO

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.materials import services
from portal.materials.models import Material
from portal.meetings.models import Meeting
from portal.spaces.models import Membership, Space, SpaceRole

#: The facilitator who posts when a space has none.
DEMO_FACILITATOR = "facilitatrice@example.org"


def minimal_pdf(title: str, lines: tuple[str, ...] = ()) -> bytes:
    """A small valid one-page PDF showing `title` and `lines` (Helvetica, WinAnsi)."""

    def literal(text: str) -> bytes:
        raw = text.encode("cp1252", "replace")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    commands = [b"BT /F1 18 Tf 72 770 Td " + literal(title) + b" Tj /F1 11 Tf"]
    for line in lines:
        commands.append(b"0 -22 Td " + literal(line) + b" Tj")
    commands.append(b"ET")
    content = b"\n".join(commands)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


STORY_GUIDE = """# Raconter la transition de son territoire

Un récit de transition tient en trois temps :

1. **D'où l'on part** : la situation, les habitants, ce qui inquiétait.
2. **Ce qui a été tenté** : les premières actions, les alliances, les échecs aussi.
3. **Ce qui a changé** : des chiffres, des visages, des lieux.

Conseil : partez d'une scène précise plutôt que d'un bilan.
"""
WORKSHOP_CHECKLIST = """# Ouvrir un atelier partagé : la check-list

- [ ] Un local accessible, assuré, avec un accès à l'électricité triphasée
- [ ] Une association porteuse et un règlement intérieur
- [ ] Des bénévoles formés à la sécurité des machines
- [ ] Un créneau hebdomadaire fixe pour commencer
"""
FABLAB_DIRECTORY = (
    "nom;commune;machines;contact\n"
    "L'Établi;Le Mené;découpe laser, impression 3D;etabli@example.org\n"
    "La Fabrique du Val;Loos-en-Gohelle;menuiserie, couture;val@example.org\n"
    "Atelier des Possibles;Ungersheim;réparation vélo, électronique;possibles@example.org\n"
)
OPENING_NOTES = """# Séance d'ouverture : compte rendu

**Présents** : les douze territoires pilotes et l'équipe d'animation.

## Ce que nous retenons
- Chaque territoire choisit un chantier prioritaire d'ici la prochaine séance.
- Les binômes de territoires échangent une fois par mois.

## Prochaine étape
Préparer une fiche d'une page sur son chantier prioritaire.
"""
INDICATORS = (
    "indicateur;unité;référence 2026;objectif 2027\n"
    "Consommation d'énergie des bâtiments publics;MWh;1250;1100\n"
    "Part des repas bio et locaux en restauration scolaire;%;24;40\n"
    "Kilomètres d'itinéraires cyclables;km;18;30\n"
)

#: Space slug -> materials: file (name, bytes) or url, theme, audience, session.
DEMO_MATERIALS = {
    "mise-en-recit": [
        {
            "title": "Guide : raconter la transition de son territoire",
            "file": ("guide-recit.md", STORY_GUIDE.encode()),
            "theme": "culture_storytelling",
            "visibility": "public",
            "description": "Une trame simple pour écrire le récit d'une transition locale.",
        },
        {
            "title": "Trame d'atelier « récits de territoire »",
            "file": (
                "trame-atelier-recit.pdf",
                minimal_pdf(
                    "Atelier récits de territoire",
                    ("1. Une scène (10 min)", "2. Les personnages (15 min)", "3. Le tournant"),
                ),
            ),
            "theme": "culture_storytelling",
            "visibility": "allies",
        },
        {
            "title": "La Fabrique des transitions",
            "url": "https://fabriquedestransitions.fr/",
            "theme": "governance",
            "visibility": "space",
            "description": "Le site de l'alliance : ressources, territoires, événements.",
        },
    ],
    "fabriques-locales": [
        {
            "title": "Annuaire des ateliers partagés du réseau",
            "file": ("ateliers-partages.csv", FABLAB_DIRECTORY.encode()),
            "theme": "circular_economy",
            "visibility": "allies",
        },
        {
            "title": "Check-list : ouvrir un atelier partagé",
            "file": ("check-list-atelier.md", WORKSHOP_CHECKLIST.encode()),
            "theme": "circular_economy",
            "visibility": "space",
        },
        {
            "title": "Agir pour la transition (ADEME)",
            "url": "https://agirpourlatransition.ademe.fr/",
            "theme": "energy",
            "visibility": "public",
        },
    ],
    "territoires-pilotes-2027": [
        {
            "title": "Programme de la cohorte 2027",
            "file": (
                "programme-cohorte-2027.pdf",
                minimal_pdf(
                    "Territoires pilotes 2027",
                    ("Janvier : ouverture", "Printemps : chantiers", "Décembre : restitution"),
                ),
            ),
            "theme": "governance",
            "visibility": "space",
        },
        {
            "title": "Compte rendu de la séance d'ouverture",
            "file": ("compte-rendu-ouverture.md", OPENING_NOTES.encode()),
            "visibility": "space",
            "first_session": True,
        },
        {
            "title": "Indicateurs de suivi des territoires",
            "file": ("indicateurs-suivi.csv", INDICATORS.encode()),
            "theme": "energy",
            "visibility": "allies",
        },
    ],
}


def _poster(space: Space) -> User | None:
    """A facilitator of `space`, else the demo facilitator, else nobody."""
    facilitator = db.session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.space_id == space.id, Membership.role == SpaceRole.FACILITATOR.value)
        .order_by(Membership.id)
        .limit(1)
    )
    return facilitator or db.session.scalar(select(User).where(User.email == DEMO_FACILITATOR))


def _first_session(space: Space) -> Meeting | None:
    """The space's earliest session that has already begun, if any."""
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.space_id == space.id, Meeting.starts_at <= utcnow())
        .order_by(Meeting.starts_at)
        .limit(1)
    )


def seed_materials_demo() -> int:
    """Post the demo materials that are missing; returns how many were created (no commit)."""
    created = 0
    for slug, items in DEMO_MATERIALS.items():
        space = services.find_space(slug)
        if space is None:
            continue
        poster = _poster(space)
        for item in items:
            exists = db.session.scalar(
                select(Material.id).where(
                    Material.space_id == space.id, Material.title == item["title"]
                )
            )
            if exists:
                continue
            meeting = _first_session(space) if item.get("first_session") else None
            fields = services.MaterialFields(
                title=item["title"],
                description=item.get("description", ""),
                theme=item.get("theme"),
                visibility=item["visibility"],
                meeting=meeting,
            )
            if "url" in item:
                services.post_material(space, poster, fields, url=item["url"])
            else:
                name, data = item["file"]
                upload = FileStorage(stream=BytesIO(data), filename=name)
                services.post_material(space, poster, fields, upload=upload)
            created += 1
    created += seed_shared_resources_demo()
    db.session.flush()
    return created


#: Resources a demo ally shared from /resources, waiting for a moderator.
DEMO_SHARED = (
    {
        "title": "Guide : une rue scolaire en dix étapes",
        "url": "https://www.ecologie.gouv.fr/",
        "themes": ("mobility", "health"),
        "fundamentals": ("engagement", "cooperation"),
        "description": "Comment fermer la rue d'une école aux voitures aux heures d'entrée "
        "et de sortie, avec les parents et les riverains.",
    },
    {
        "title": "Fiche : un groupement d'achat de légumes bio pour la cantine",
        "file": ("groupement-achat-cantine.md", WORKSHOP_CHECKLIST.encode()),
        "themes": ("food", "governance"),
        "fundamentals": ("systemic", "value"),
        "description": "Ce que trois communes voisines ont mis dans leur convention.",
    },
)
DEMO_SHARER = "membre@example.org"


def seed_shared_resources_demo() -> int:
    """Two resources shared by the demo member, waiting for moderation (idempotent, no commit)."""
    from portal.materials import sharing  # sharing imports services, like this module

    author = db.session.scalar(select(User).where(User.email == DEMO_SHARER))
    if author is None:
        return 0
    created = 0
    for item in DEMO_SHARED:
        exists = db.session.scalar(
            select(Material.id).where(
                Material.posted_by_id == author.id,
                Material.space_id.is_(None),
                Material.title == item["title"],
            )
        )
        if exists:
            continue
        fields = sharing.SharedFields(
            title=item["title"],
            description=item["description"],
            themes=item["themes"],
            fundamentals=item["fundamentals"],
            language="fr",
        )
        if "url" in item:
            sharing.share_resource(author, fields, url=item["url"])
        else:
            name, data = item["file"]
            upload = FileStorage(stream=BytesIO(data), filename=name)
            sharing.share_resource(author, fields, upload=upload)
        created += 1
    return created
