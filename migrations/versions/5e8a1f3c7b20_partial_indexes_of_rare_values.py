"""Partial indexes of rare values: heads of delegations, realised and cancelled exchanges and visits

Revision ID: 5e8a1f3c7b20
Revises: 4c7d2e91a0b5
Create Date: 2026-12-02 13:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e8a1f3c7b20"
down_revision = "4c7d2e91a0b5"
branch_labels = None
depends_on = None

# Columns mostly empty: indexed over their empty rows too, SQLite's statistics counted every
# empty row as one value's and took a lookup of one person's delegations for a read of all.
# An index of the filled rows alone serves the same lookups (`head_id = ?` implies a value).
FILLED = (
    ("delegation", "ix_delegation_head_id", "head_id"),
    ("planned_exchange", "ix_planned_exchange_realised_visit_id", "realised_visit_id"),
)
# The cancelled visits and exchanges, which nothing counts: few, found without reading all.
CANCELLED = (
    ("visit", "ix_visit_cancelled"),
    ("planned_exchange", "ix_planned_exchange_cancelled"),
)


def upgrade():
    for table, name, column in FILLED:
        filled = sa.text(f"{column} IS NOT NULL")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(
                name, [column], unique=False, sqlite_where=filled, postgresql_where=filled
            )
    cancelled = sa.text("status = 'cancelled'")
    for table, name in CANCELLED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(
                name, ["id"], unique=False, sqlite_where=cancelled, postgresql_where=cancelled
            )


def downgrade():
    for table, name in CANCELLED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
    for table, name, column in FILLED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(name, [column], unique=False)
