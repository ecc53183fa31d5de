"""Demo contributions for `flask portal seed-demo`: a dozen to the 2027 edition (its
consultation open) with supports and comments, and two answered ones for 2026.

Idempotent: a contribution is identified by its edition and title. The editions come
from the assembly's demo (gov) when it is there; otherwise 2027 is created with its
consultation open now, and 2026 is used only if it exists.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.alliance.models import Signature, SignatureStatus
from portal.assembly.contributions import hooks
from portal.assembly.contributions.constants import MERGED, RETAINED
from portal.assembly.contributions.models import Contribution, ContributionSupport
from portal.assembly.contributions.services import move_supports
from portal.assembly.loading import edition_by_year
from portal.assembly.models import AssemblyEdition
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.markdown import render_markdown
from portal.experiences.themes import seed_themes, themes_by_keys
from portal.forums import services as forums
from portal.forums.models import Thread

#: Demo accounts (seed-demo's and the spaces demo's), who write, support and comment in turn.
PEOPLE = (
    "membre@example.org",
    "lea.martin@example.org",
    "karim.benali@example.org",
    "sophie.leroux@example.org",
    "yann.kerouac@example.org",
    "facilitatrice@example.org",
    "facilitateur@example.org",
)

#: (title, fundamental, themes, body) of the 2027 contributions.
CONTRIBUTIONS_2027 = (
    (
        "Un fonds de coopération entre territoires",
        "cooperation",
        ["energy"],
        "Mutualiser une part des budgets pour financer des **projets communs** entre voisins.",
    ),
    (
        "Former les élus aux transitions",
        "engagement",
        ["governance"],
        "Un cycle de formation annuel, ouvert aux élus et aux agents, sur les fondamentaux.",
    ),
    (
        "Mesurer la valeur créée autrement",
        "value",
        ["circular_economy"],
        "Des indicateurs partagés au-delà du PIB local : lien social, santé, biodiversité.",
    ),
    (
        "Des communautés par thème plutôt que par région",
        "systemic",
        ["food"],
        "Les échanges entre pairs gagnent à se faire par sujet : alimentation, mobilité, énergie.",
    ),
    (
        "Associer les habitants dès le diagnostic",
        "engagement",
        ["governance"],
        "Les démarches réussies partent d'un diagnostic **partagé** avec les habitants.",
    ),
    (
        "Une bourse aux retours d'expérience",
        "cooperation",
        ["mobility"],
        "Faciliter les visites croisées entre territoires qui ont tenté des choses semblables.",
    ),
    (
        "Accompagner les petites communes",
        "systemic",
        ["housing"],
        "Un accompagnement allégé pour les communes de moins de 2 000 habitants.",
    ),
    (
        "Un guide des achats publics responsables",
        "value",
        ["circular_economy", "food"],
        "Rassembler les clauses et les cahiers des charges qui ont fait leurs preuves.",
    ),
    (
        "Ouvrir l'alliance aux entreprises locales",
        "cooperation",
        ["circular_economy"],
        "Les entreprises du territoire sont actrices de la transition : leur faire une place.",
    ),
    (
        "Des rencontres régionales chaque trimestre",
        "engagement",
        ["governance"],
        "Se voir en vrai, plus souvent, plus près de chez soi.",
    ),
    (
        "Relier énergie et alimentation",
        "systemic",
        ["energy", "food"],
        "Méthaniseurs, circuits courts, chaleur fatale : penser les flux ensemble.",
    ),
    (
        "Publier les budgets des dispositifs",
        "value",
        ["governance"],
        "Pour que chaque territoire sache ce que coûte une démarche avant de s'y lancer.",
    ),
)

#: The 2026 contributions: one retained, one merged into it.
RETAINED_2026 = (
    "Faire de la coopération un fondamental à part entière",
    "cooperation",
    [],
    "La coopération entre territoires mérite sa place dans les orientations.",
)
MERGED_2026 = (
    "Plus d'échanges entre territoires voisins",
    "cooperation",
    [],
    "Organiser des échanges réguliers entre territoires proches.",
)

COMMENTS = (
    "Très bonne idée, nous l'avons expérimenté chez nous.",
    "Comment financer cela sans alourdir les cotisations ?",
    "Je soutiens, à condition d'y associer les petites communes.",
)


def _people() -> list[User]:
    """The demo accounts that exist, in PEOPLE's order."""
    found = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(PEOPLE)))}
    return [found[e] for e in PEOPLE if e in found]


def _edition(year: int, *, create: bool) -> AssemblyEdition | None:
    """The demo edition of `year`: gov's demo helper when present, else by year."""
    try:
        from portal.assembly.demo import demo_edition  # the gov part's demo, when merged
    except ImportError:
        demo_edition = None
    if demo_edition is not None:
        return demo_edition(year)
    edition = edition_by_year(year)
    if edition is None and create:
        now = utcnow().replace(microsecond=0)
        edition = AssemblyEdition(
            year=year,
            title=f"Assemblée des alliés {year}",
            consultation_opens_at=now - timedelta(days=7),
            consultation_closes_at=now + timedelta(days=30),
        )
        db.session.add(edition)
        db.session.flush()
    return edition


def _organisation_of(person: User) -> int | None:
    """An organisation `person` signed for (validated), if any."""
    return db.session.scalar(
        select(Signature.organisation_id)
        .where(
            Signature.signer_id == person.id,
            Signature.status == SignatureStatus.VALIDATED.value,
            Signature.organisation_id.is_not(None),
        )
        .order_by(Signature.id)
        .limit(1)
    )


def _contribution(edition, author, title, fundamental, themes, body) -> tuple[Contribution, bool]:
    """The demo contribution `title` of `edition`, created when missing (and whether it was)."""
    found = db.session.scalar(
        select(Contribution).where(
            Contribution.edition_id == edition.id, Contribution.title == title
        )
    )
    if found is not None:
        return found, False
    contribution = Contribution(
        edition_id=edition.id,
        author_id=author.id,
        organisation_id=_organisation_of(author),
        title=title,
        body=body,
        body_html=str(render_markdown(body, heading_offset=2)),
        fundamental=fundamental,
        themes=themes_by_keys(themes),
    )
    db.session.add(contribution)
    db.session.flush()
    contribution.thread_id = hooks.open_thread(contribution, author)
    return contribution, True


def _support(contribution, people) -> None:
    """Each of `people` supports `contribution` (written straight: the demo ignores dates)."""
    for person in people:
        db.session.add(ContributionSupport(contribution_id=contribution.id, user_id=person.id))
    db.session.flush()


def seed_contributions_demo() -> list[str]:
    """Create the missing demo contributions; returns lines for the seed report."""
    people = _people()
    if not people:
        return ["Contributions: no demo account to write them, skipped."]
    seed_themes()
    lines = []
    edition = _edition(2027, create=True)
    created = 0
    for number, (title, fundamental, themes, body) in enumerate(CONTRIBUTIONS_2027):
        author = people[number % len(people)]
        contribution, new = _contribution(edition, author, title, fundamental, themes, body)
        if not new:
            continue
        created += 1
        others = [p for p in people if p.id != author.id]
        _support(contribution, others[: number % (len(others) + 1)])
        thread = db.session.get(Thread, contribution.thread_id)
        for comment in COMMENTS[: number % 3]:
            forums.add_post(thread, others[(number + len(comment)) % len(others)], comment)
    lines.append(f"Contributions to {edition.title}: {created} created.")
    past = _edition(2026, create=False)
    if past is None:
        lines.append("Contributions to 2026: no 2026 edition, skipped.")
        return lines
    retained, new_retained = _contribution(past, people[0], *RETAINED_2026)
    merged, new_merged = _contribution(past, people[-1], *MERGED_2026)
    if new_retained or new_merged:
        now = utcnow().replace(microsecond=0)
        if new_retained:
            _support(retained, people[1:3])
        if new_merged:
            _support(merged, people[2:5])
        retained.state, retained.answered_at = RETAINED, now
        retained.answer = "Retenue : elle entre dans les orientations 2026."
        move_supports(merged, retained)
        merged.state, merged.merged_into_id, merged.answered_at = MERGED, retained.id, now
        merged.answer = "Fusionnée avec une contribution proche."
        db.session.flush()
    lines.append(f"Contributions to {past.title}: one retained, one merged into it.")
    return lines
