"""Demo of the yearly reports for `flask portal seed-demo`: a published "Bilan 2025" and a
draft "Bilan 2026", their figures computed from the demo's data.

Called last by seed-demo (portal/site/cli.py), once the allies, sessions, experiences and
the assembly are there. Safe to run again: a year that has a report is left as it is.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.core.extensions import db
from portal.reports.demo_history import give_the_demo_a_past
from portal.reports.services import publishing, reports

ADMIN = "admin@example.org"

TEXTS = {
    2025: {
        "introduction": (
            "En 2025, l’alliance de **La Fabrique des transitions** a continué de grandir : "
            "de nouvelles collectivités, associations et entreprises ont signé la charte, et "
            "les territoires pilotes ont achevé leur première année d’accompagnement.\n\n"
            "Ce bilan rend compte, en chiffres, de ce que les alliés ont fait ensemble."
        ),
        "highlights": (
            "- Une première promotion de **territoires pilotes** accompagnée toute l’année.\n"
            "- Des communautés apprenantes actives sur l’énergie citoyenne et l’alimentation.\n"
            "- Une Assemblée des alliés qui a fixé les orientations pour 2026."
        ),
        "outlook": (
            "En 2026, l’alliance veut **intensifier la documentation de ses interventions** : "
            "chaque territoire accompagné partagera au moins une expérience, et le bilan "
            "s’enrichira de cartes et de données ouvertes."
        ),
    },
    2026: {
        "introduction": (
            "Brouillon du bilan 2026 de **La Fabrique des transitions** : les chiffres sont "
            "calculés en direct à partir du portail et se figeront à la publication."
        ),
        "highlights": (
            "- Deuxième promotion des territoires pilotes.\n"
            "- Ouverture des données de l’alliance sous Licence Ouverte."
        ),
        "outlook": "À compléter après l’Assemblée des alliés.",
    },
}


def seed_reports_demo() -> list[str]:
    """Create the 2025 report (published) and the 2026 one (draft) if missing; console lines."""
    admin = db.session.scalar(select(User).where(User.email == ADMIN))
    lines = []
    if reports.report_by_year(2025) is None:
        lines.append(give_the_demo_a_past())
    for year, texts in TEXTS.items():
        if reports.report_by_year(year) is not None:
            lines.append(f"Report {year}: already there.")
            continue
        report = reports.create_report(year, admin)
        reports.save_editorial(report, {**texts, "sections": report.sections}, admin)
        if year == 2025:
            publishing.publish(report, admin)
            lines.append(f"Report {year}: created and published.")
        else:
            lines.append(f"Report {year}: created as a draft.")
    return lines
