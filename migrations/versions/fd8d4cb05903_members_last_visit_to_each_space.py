"""Members' last visit to each space

memberships.last_visited_at: when the member last opened the space page; their home
counts what others added since (portal.spaces.visits). Existing memberships start from
the upgrade, so that nobody's home shows everything posted since the day they joined.

Revision ID: fd8d4cb05903
Revises: 5384d608ba7d
Create Date: 2026-12-05 07:44:19.298736

"""

from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "fd8d4cb05903"
down_revision = "5384d608ba7d"
branch_labels = None
depends_on = None

memberships = sa.table("memberships", sa.column("last_visited_at", sa.DateTime(timezone=True)))


def upgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_visited_at", sa.DateTime(timezone=True), nullable=True)
        )

    connection = op.get_bind()
    now = datetime.now(UTC)
    # SQLite keeps naive UTC (portal.core.db.UTCDateTime); PostgreSQL keeps the zone.
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    connection.execute(memberships.update().values(last_visited_at=now))


def downgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("last_visited_at")
