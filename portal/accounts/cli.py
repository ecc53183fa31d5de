"""Account commands: `flask portal create-admin EMAIL`, `flask portal reset-two-factor EMAIL`."""

from __future__ import annotations

import click
from email_validator import EmailNotValidError, validate_email
from flask_babel import force_locale

from portal.accounts import services
from portal.accounts.passwords import password_problem
from portal.core.cli import portal_cli
from portal.core.extensions import db


@portal_cli.command("create-admin")
@click.argument("email")
@click.option("--password", default=None, help="Password of a new account (else asked twice).")
@click.option("--name", default=None, help="Display name of a new account.")
def create_admin_command(email: str, password: str | None, name: str | None) -> None:
    """Make EMAIL an administrator, creating a confirmed account if there is none."""
    email = services.normalize_email(email)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="EMAIL") from error
    # Messages from the password rules are translated: the console speaks English.
    with force_locale("en"):
        user = services.find_user_by_email(email)
        if user is not None and user.is_deleted:
            raise click.ClickException(f"{email} belongs to a deleted account.")
        if user is None:
            if password is None:
                password = click.prompt(
                    "Password", hide_input=True, confirmation_prompt=True, err=True
                )
            problem = password_problem(password, email, name)
            if problem is not None:
                raise click.ClickException(f"Password refused: {problem}")
        existed = user is not None
        user = services.create_admin(email=email, password=password, display_name=name)
        db.session.commit()
    if existed:
        click.echo(f"{user.email} is now an administrator.")
    else:
        click.echo(f"Created the administrator {user.email} (confirmed).")


@portal_cli.command("reset-two-factor")
@click.argument("email")
def reset_two_factor_command(email: str) -> None:
    """Turn two-factor login off for EMAIL (lost phone and codes) and end its logins.

    Check who is asking first. The person is told by email; an administrator or
    facilitator is asked to set it up again at their next login.
    """
    user = services.find_user_by_email(email)
    if user is None or user.is_deleted:
        raise click.ClickException(f"No account with the address {email}.")
    if not services.reset_two_factor(user):
        click.echo(f"{user.email} does not use two-factor login.")
        return
    db.session.commit()
    click.echo(f"Two-factor login is off for {user.email}; its logins have ended.")
