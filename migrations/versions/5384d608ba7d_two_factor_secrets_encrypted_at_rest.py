"""Two-factor secrets encrypted at rest

users.totp_secret now holds a Fernet token (about 140 characters) instead of the base32
secret: the column widens, and the upgrade encrypts the secrets stored in clear; the
downgrade decrypts them. The key rule is portal/accounts/totp_cipher.py's, repeated here
because a migration imports no app code: the first key of TOTP_ENCRYPTION_KEYS encrypts,
all of them and then the key derived from SECRET_KEY decrypt. Change both together.

Revision ID: 5384d608ba7d
Revises: 6ede088f4d43
Create Date: 2026-11-28 05:42:37.738463

"""

import base64
import hashlib
import hmac
import re

from alembic import op
import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app


# revision identifiers, used by Alembic.
revision = "5384d608ba7d"
down_revision = "6ede088f4d43"
branch_labels = None
depends_on = None

#: A secret stored in clear: base32 (pyotp's, 16 to 64 characters, no padding).
CLEAR_SECRET = re.compile(r"[A-Z2-7]{16,64}")
#: Every Fernet token starts with the version byte and a timestamp: "gAAAAA…".
TOKEN_PREFIX = "gAAAA"

users = sa.table("users", sa.column("id", sa.Integer), sa.column("totp_secret", sa.String))


def _cipher():
    """totp_cipher.cipher() as of this revision, from the running app's config."""
    config = current_app.config
    raw = config.get("TOTP_ENCRYPTION_KEYS") or ()
    if isinstance(raw, str):
        raw = raw.split(",")
    keys = [key.strip().encode("ascii") for key in raw if key and key.strip()]
    digest = hmac.new(
        config["SECRET_KEY"].encode(), b"maillage.totp-secrets", hashlib.sha256
    ).digest()
    derived = base64.urlsafe_b64encode(digest)
    if derived not in keys:
        keys.append(derived)
    return MultiFernet([Fernet(key) for key in keys])


def _stored_secrets(connection):
    return connection.execute(
        sa.select(users.c.id, users.c.totp_secret).where(users.c.totp_secret.is_not(None))
    ).all()


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column(
            "totp_secret",
            existing_type=sa.VARCHAR(length=64),
            type_=sa.String(length=255),
            existing_nullable=True,
        )

    connection = op.get_bind()
    cipher = None
    for user_id, secret in _stored_secrets(connection):
        if not CLEAR_SECRET.fullmatch(secret):
            continue  # a token already, or something no code can match anyway
        cipher = cipher or _cipher()
        token = cipher.encrypt(secret.encode()).decode("ascii")
        connection.execute(
            users.update().where(users.c.id == user_id).values(totp_secret=token)
        )


def downgrade():
    connection = op.get_bind()
    cipher = None
    for user_id, token in _stored_secrets(connection):
        if not token.startswith(TOKEN_PREFIX):
            continue
        cipher = cipher or _cipher()
        try:
            secret = cipher.decrypt(token.encode("ascii")).decode()
        except (InvalidToken, UnicodeError):
            raise RuntimeError(
                f"The two-factor secret of user {user_id} cannot be decrypted: set "
                "TOTP_ENCRYPTION_KEYS to the key that encrypted it, or reset that "
                "person's two-factor login, before downgrading."
            ) from None
        connection.execute(
            users.update().where(users.c.id == user_id).values(totp_secret=secret)
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column(
            "totp_secret",
            existing_type=sa.String(length=255),
            type_=sa.VARCHAR(length=64),
            existing_nullable=True,
        )
