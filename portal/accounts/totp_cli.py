"""Keys of the stored two-factor secrets: `flask portal new-totp-key`,
`flask portal reencrypt-totp-secrets` (see accounts/totp_cipher.py and the README)."""

from __future__ import annotations

import click
from flask import current_app

from portal.accounts import totp_cipher, twofactor
from portal.core.cli import portal_cli
from portal.core.extensions import db


@portal_cli.command("new-totp-key")
@click.option(
    "--derived",
    is_flag=True,
    help="Print the key derived from the current SECRET_KEY instead: set it as "
    "TOTP_ENCRYPTION_KEYS before changing SECRET_KEY.",
)
def new_totp_key_command(derived: bool) -> None:
    """Print a fresh key for TOTP_ENCRYPTION_KEYS."""
    if derived:
        click.echo(totp_cipher.derived_key(current_app.config["SECRET_KEY"]).decode("ascii"))
    else:
        click.echo(totp_cipher.new_key())


@portal_cli.command("reencrypt-totp-secrets")
def reencrypt_totp_secrets_command() -> None:
    """Encrypt every stored two-factor secret with the first key of TOTP_ENCRYPTION_KEYS.

    Run it after putting a new key first; the old keys can go once it reports no failure.
    """
    undecryptable = twofactor.reencrypt_secrets()
    db.session.commit()
    click.echo("Two-factor secrets encrypted with the first key.")
    if undecryptable:
        emails = ", ".join(user.email for user in undecryptable)
        raise click.ClickException(
            f"No configured key opens the secret of: {emails}. Add the key that encrypted "
            "them to TOTP_ENCRYPTION_KEYS, or reset their two-factor login."
        )
