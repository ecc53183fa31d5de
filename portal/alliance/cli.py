"""Alliance commands: `flask portal import-allies FILE.csv`, `flask portal charter-announce`."""

from pathlib import Path

import click
from flask import current_app
from flask_babel import force_locale

from portal.alliance import charter, services
from portal.core.cli import portal_cli
from portal.core.extensions import db


def echo_report(report: services.ImportReport) -> None:
    """Print an import report, bad rows with their line number."""
    click.echo(
        f"created={report.created} updated={report.updated} "
        f"unchanged={report.unchanged} refused={len(report.errors)}"
    )
    for problem in report.errors:
        click.echo(f"  line {problem.line}: {problem.message}", err=True)
    for problem in report.notes:
        click.echo(f"  line {problem.line} (note): {problem.message}")


@portal_cli.command("import-allies")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_allies_command(path: Path) -> None:
    """Import allies from a CSV file (name, kind, region[, territory, website, description])."""
    # Messages are translated, and there is no request to pick a language: English.
    with force_locale("en"):
        try:
            rows = services.read_csv(path.read_bytes())
        except services.CSVFormatError as error:
            raise click.ClickException(str(error)) from None
        with click.progressbar(rows, label=f"Importing {len(rows)} rows") as bar:
            report = services.import_allies(bar)
        db.session.commit()
        echo_report(report)


@portal_cli.command("charter-announce")
def charter_announce_command() -> None:
    """Email each signatory of an older charter version once, asking them to re-sign."""
    version = charter.current_version()
    # Emails link to pages: build URLs as a request to the public address would.
    with current_app.test_request_context(base_url=current_app.config["PORTAL_BASE_URL"]):
        sent = services.announce_new_version()
        db.session.commit()
    click.echo(f"Charter version {version.number}: {sent} email(s) queued.")
