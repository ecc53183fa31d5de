"""`flask portal worker`: the email loop (schedulers, then delivery)."""

import click
from flask import current_app

from portal.core.cli import portal_cli
from portal.notifications.worker import deliver, describe_delivery, run_forever, run_once


@portal_cli.command("worker")
@click.option("--once", is_flag=True, help="One turn (schedule, deliver what is due), then exit.")
@click.option("--interval", default=None, type=float, help="Seconds between two turns.")
def worker_command(once: bool, interval: float | None) -> None:
    """Run the schedulers and deliver due emails, in a loop or once (for cron)."""
    app = current_app._get_current_object()
    if once:
        click.echo(run_once(app).summary())
        return
    interval = interval or app.config["WORKER_INTERVAL_SECONDS"]
    click.echo(f"Email worker running every {interval:g}s (Ctrl+C to stop).")
    try:
        run_forever(app, interval)
    except KeyboardInterrupt:
        click.echo("Stopped.")


@portal_cli.command("send-test-email")
@click.argument("address")
@click.option("--locale", default="fr", type=click.Choice(["fr", "en"]))
def send_test_email_command(address: str, locale: str) -> None:
    """Queue a test email to ADDRESS and deliver it now (checks the mail settings)."""
    from flask_babel import lazy_gettext as _l

    from portal.core.extensions import db
    from portal.notifications.services import enqueue, unique_key

    enqueue(
        to=address,
        template="notifications/test",
        subject=_l("Test email from the portal"),
        dedupe_key=unique_key("test"),
        locale=locale,
    )
    db.session.commit()
    click.echo(describe_delivery(deliver(current_app._get_current_object())))
