"""`flask portal seed-demo`: a documented demo, safe to run again and again."""

from __future__ import annotations

from pathlib import Path

import click
from flask_babel import force_locale
from sqlalchemy import select

from portal.accounts.demo import DEMO_PASSWORD, seed_account
from portal.accounts.models import Role, User
from portal.alliance import charter, services
from portal.alliance.models import Signature
from portal.core.cli import portal_cli
from portal.core.extensions import db

DEMO_ACCOUNTS = (
    ("admin@example.org", "Camille Administratrice", Role.ADMIN.value),
    ("membre@example.org", "Alex Membre", Role.MEMBER.value),
)
DEMO_ALLIES = Path(__file__).resolve().parent.parent / "alliance" / "demo_allies.csv"
#: An organisation whose signature waits in the admin queue.
PENDING_ORGANISATION = {
    "name": "Tiers-lieu La Grange du Craonnais",
    "kind": "association",
    "region": "pays-de-la-loire",
    "territory": "Pays de Craon",
    "description": "Tiers-lieu rural qui réunit un atelier partagé, une épicerie paysanne "
    "et des permanences pour la rénovation énergétique de l'habitat.",
}


def seed_pending_signature(member: User) -> bool:
    """One organisation signature waiting for validation; False if it is already there."""
    organisation, _created = services.get_or_create_organisation(**PENDING_ORGANISATION)
    db.session.flush()
    exists = db.session.scalar(
        select(Signature.id).where(
            Signature.signatory_key == Signature.key_for_organisation(organisation.id),
            Signature.charter_version == charter.current_version().number,
        )
    )
    if exists:
        return False
    services.sign_for_organisation(member, organisation)
    return True


def seed_spaces_demo() -> list[str]:
    """The demo spaces, then their sessions, materials and threads (each domain's demo
    module), then a reminder due now; lines for the console."""
    from portal.forums.demo import seed_forums_demo
    from portal.materials.demo import seed_materials_demo
    from portal.meetings.demo import seed_meetings_demo, seed_reminder_demo
    from portal.spaces.demo import seed_spaces_demo as seed_spaces

    lines = seed_spaces()
    sessions = seed_meetings_demo()
    materials = seed_materials_demo()  # after the sessions: some belong to one
    lines += [f"Demo sessions: {sessions} added.", f"Demo materials: {materials} added."]
    lines.append(f"Demo forum threads: {seed_forums_demo()} added.")
    # A session within 24 hours for the demo member, so that a reminder is due now.
    seat = "registered" if seed_reminder_demo() else "already registered"
    return [*lines, f"Demo member: {seat} for a session within 24 hours."]


@portal_cli.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo allies, accounts and a pending signature (idempotent)."""
    with force_locale("en"):  # the console speaks English; there is no request to ask
        report = services.import_allies(services.read_csv(DEMO_ALLIES.read_bytes()))
    click.echo(
        f"Allies: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
    )
    for problem in report.errors:
        click.echo(f"  line {problem.line}: {problem.message}", err=True)
    accounts = {}
    for email, name, role in DEMO_ACCOUNTS:
        user, created = seed_account(email, name, role)
        accounts[email] = user
        state = "created" if created else "already there, left unchanged"
        click.echo(f"Account {email} ({role}): {state}.")
    added = seed_pending_signature(accounts["membre@example.org"])
    state = "created" if added else "already there"
    click.echo(f"Pending signature of {PENDING_ORGANISATION['name']}: {state}.")
    from portal.assembly.demo import seed_assembly_demo  # early: the assembly's parts use it

    for line in seed_assembly_demo():
        click.echo(line)
    for line in seed_spaces_demo():
        click.echo(line)
    from portal.experiences.demo import seed_experiences_demo  # after the spaces' accounts

    for line in seed_experiences_demo():
        click.echo(line)
    from portal.programmes.calls.demo import seed_calls_demo  # after the spaces' facilitators

    for line in seed_calls_demo():
        click.echo(line)
    from portal.digests.demo import seed_digest_demo  # a week of activity, after everything

    for line in seed_digest_demo():
        click.echo(line)
    from portal.programmes.demo import seed_programmes_demo  # after the spaces it links

    for line in seed_programmes_demo():
        click.echo(line)
    # The assembly's parts, after its editions (seed_assembly_demo, above) and the allies.
    from portal.assembly.contributions.demo import seed_contributions_demo
    from portal.assembly.questionnaire.demo import seed_questionnaire_demo
    from portal.assembly.vote.demo import seed_vote_demo

    for seed in (seed_contributions_demo, seed_questionnaire_demo, seed_vote_demo):
        for line in seed():
            click.echo(line)
    from portal.accounts.demo import seed_two_factor_demo  # after the spaces' facilitators

    for line in seed_two_factor_demo():
        click.echo(line)
    from portal.reports.demo import seed_reports_demo  # last: its figures count everything

    for line in seed_reports_demo():
        click.echo(line)
    db.session.commit()
    click.echo(f"Password of every demo account: {DEMO_PASSWORD}")
