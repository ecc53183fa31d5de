"""Demo of the assembly for `flask portal seed-demo`: its editions, the association's board
and governance documents, and an organisation the demo member signed for.

Called early by seed-demo (portal/site/cli.py), before the other parts of the assembly,
which find the editions through `demo_edition(year)`. Safe to run again: what is there
(an edition of that year, a board member of that name, a material of that title) is kept.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import BytesIO

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.accounts.demo import seed_account
from portal.accounts.models import Role, User
from portal.alliance import charter
from portal.alliance import services as alliance_services
from portal.alliance.models import Signature, SignatureStatus
from portal.alliance.services.signatures import existing_signature
from portal.assembly.constants import ASSEMBLY_ZONE
from portal.assembly.governance import editions, services
from portal.assembly.governance.models import BoardMember, GovernanceDocument
from portal.assembly.loading import edition_by_year
from portal.assembly.models import AssemblyEdition
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.materials import services as material_services
from portal.materials.demo import minimal_pdf
from portal.materials.models import Material, Visibility
from portal.meetings.models import Meeting
from portal.meetings.services import MeetingDetails, create_meeting
from portal.meetings.times import local_moment

MEMBER = "membre@example.org"
COSIGNATORY = ("cosignataire@example.org", "Sacha Cosignataire")
#: The organisation the demo member (and the second demo account) signed for.
ORGANISATION = {
    "name": "Collectif Transitions du Pays de Redon",
    "kind": "association",
    "region": "bretagne",
    "territory": "Pays de Redon",
    "description": "Collectif d'habitants, d'élus et d'associations qui porte les projets "
    "de transition du Pays de Redon : énergie citoyenne, alimentation, mobilités.",
}
BOARD = (
    ("Claire Dubois", "president"),
    ("Yannick Le Goff", "treasurer"),
    ("Fatou Ndiaye", "secretary"),
    ("Marc Lefèvre", "member"),
    ("Inès Martin", "member"),
    ("Paul Girard", "member"),
)
PURPOSE = """L'association porte l'alliance des territoires en transition : elle anime le
réseau des alliés, organise les dispositifs d'accompagnement et tient chaque année
l'**Assemblée des alliés**, qui évalue et co-construit les orientations de l'alliance.

- Les alliés signent la charte, seuls ou pour leur organisation.
- Le conseil d'administration, élu par l'assemblée, rend compte de ses choix chaque année.
- Les orientations sont soumises à la consultation des alliés avant le vote.
"""
#: (title, kind, year of the edition or None).
DOCUMENTS = (
    ("Statuts de l'association", "statutes", None),
    ("Règlement intérieur", "rules", None),
    ("Rapport d'activité 2026", "report", 2026),
    ("Procès-verbal de l'Assemblée des alliés 2026", "minutes", 2026),
    ("Projet d'orientations 2027-2028", "orientations", 2027),
)


def _dates(year: int, now: datetime) -> dict:
    """The phases' dates: 2026 over (results out), 2027 in consultation; later years ahead."""
    day = timedelta(days=1)
    offset = -200 * day if year < 2027 else -10 * day + (year - 2027) * 365 * day
    # 09:00 in Paris, a round hour as an admin would enter it.
    start = local_moment((now + offset).date(), time(9, 0), ASSEMBLY_ZONE)
    return {
        "consultation_opens_at": start,
        "consultation_closes_at": start + 40 * day,
        "evaluation_opens_at": start + 45 * day,
        "evaluation_closes_at": start + 75 * day,
        "starts_at": start + 90 * day,
        "ends_at": start + 90 * day + timedelta(hours=8),
        "vote_opens_at": start + 90 * day,
        "vote_closes_at": start + 90 * day + timedelta(hours=6),
        "results_at": start + 91 * day,
    }


def demo_edition(year: int) -> AssemblyEdition:
    """The demo edition of `year`, created if missing (2026: past; 2027: consultation open)."""
    edition = edition_by_year(year)
    if edition is not None:
        return edition
    now = utcnow().replace(second=0, microsecond=0)
    details = editions.EditionDetails(
        year=year,
        title=f"Assemblée des alliés {year}",
        description="Les alliés évaluent l'année écoulée et décident des orientations "
        "de l'alliance : consultation, questionnaire, vote, puis résultats.",
        place="Rennes, Le Liberté" if year % 2 == 0 else "Lyon, Hôtel de Région",
        visio_url="https://visio.example.org/assemblee",
        **_dates(year, now),
    )
    admin = db.session.scalar(select(User).where(User.role == Role.ADMIN.value).limit(1))
    return editions.create_edition(details, admin, with_space=True)


def _seed_programme(edition: AssemblyEdition, admin) -> int:
    """Two sessions of the edition's programme (in its space), if it has none; how many."""
    if edition.space_id is None or edition.starts_at is None:
        return 0
    there = db.session.scalar(select(Meeting.id).where(Meeting.space_id == edition.space_id))
    if there is not None:
        return 0
    start = edition.starts_at
    sessions = (
        ("Plénière d'ouverture", start, 2, 300),
        ("Atelier : les orientations 2027-2028", start + timedelta(hours=3), 2, 60),
    )
    for title, starts_at, hours, capacity in sessions:
        details = MeetingDetails(
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            place=edition.place,
            visio_url=edition.visio_url,
            capacity=capacity,
        )
        create_meeting(edition.space, details, admin)
    return len(sessions)


def _seed_board() -> int:
    """The association's board; how many were added."""
    known = set(db.session.scalars(select(BoardMember.name)))
    added = 0
    for name, role in BOARD:
        if name in known:
            continue
        details = services.BoardMemberDetails(name, role, None, date(2026, 6, 20), None)
        services.save_board_member(None, details)
        added += 1
    return added


def _seed_documents(poster) -> int:
    """The governance documents (public PDFs); how many were added."""
    added = 0
    for title, kind, year in DOCUMENTS:
        material = db.session.scalar(
            select(Material).where(Material.title == title, Material.space_id.is_(None))
        )
        if material is None:
            upload = FileStorage(
                stream=BytesIO(minimal_pdf(title, ("Document de démonstration.",))),
                filename="document.pdf",
                content_type="application/pdf",
            )
            fields = material_services.MaterialFields(
                title=title, visibility=Visibility.PUBLIC.value
            )
            material = material_services.post_material(None, poster, fields, upload=upload)
        listed = db.session.scalar(
            select(GovernanceDocument.id).where(GovernanceDocument.material_id == material.id)
        )
        if listed is None:
            edition_id = demo_edition(year).id if year else None
            services.add_document(material, kind, edition_id)
            added += 1
    return added


def _validated(user: User, organisation) -> bool:
    """Make sure `user` has a validated signature for `organisation`; whether one was added."""
    version = charter.current_version().number
    key = Signature.key_for_organisation(organisation.id)
    if existing_signature(key, version, user.id) is not None:
        return False
    signature = alliance_services.sign_for_organisation(user, organisation)
    signature.status = SignatureStatus.VALIDATED.value
    signature.decided_at = utcnow()
    db.session.flush()
    return True


def seed_assembly_demo() -> list[str]:
    """Editions 2026 and 2027, the board, the documents, the member's organisation; lines."""
    lines = []
    admin = db.session.scalar(select(User).where(User.role == Role.ADMIN.value).limit(1))
    for year in (2026, 2027):
        there = edition_by_year(year) is not None
        edition = demo_edition(year)
        lines.append(f"Assembly {year}: {'already there' if there else 'created'}.")
    lines.append(f"Sessions of the 2027 assembly: {_seed_programme(edition, admin)} added.")
    if services.governance_text() is None:
        services.save_purpose(PURPOSE)
    lines.append(f"Board of the association: {_seed_board()} added.")
    lines.append(f"Governance documents: {_seed_documents(admin)} added.")
    member = db.session.scalar(select(User).where(User.email == MEMBER))
    cosignatory, _created = seed_account(*COSIGNATORY, Role.MEMBER.value)
    organisation, _ = alliance_services.get_or_create_organisation(**ORGANISATION)
    db.session.flush()
    # Two people signed for the organisation: the first of them to vote casts its one voice.
    for person in (member, cosignatory):
        if person is not None:
            added = _validated(person, organisation)
            state = "added" if added else "there"
            lines.append(f"{person.email} signed for {organisation.name}: {state}.")
    return lines
