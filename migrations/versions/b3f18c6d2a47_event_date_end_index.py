"""An index of events by the end of their date, for the timeline's "from" filter

Revision ID: b3f18c6d2a47
Revises: 7c41e9b2d6a8
Create Date: 2026-12-02 10:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b3f18c6d2a47"
down_revision = "7c41e9b2d6a8"
branch_labels = None
depends_on = None

NOT_ARCHIVED = sa.text("archived_at IS NULL")


def upgrade():
    # The events still going on at a date are found by their end in this index, with their
    # sort date beside it: the timeline's walk then starts at the earliest of them.
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_date_end",
            ["date_end", "date_sort"],
            unique=False,
            sqlite_where=NOT_ARCHIVED,
            postgresql_where=NOT_ARCHIVED,
        )


def downgrade():
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_date_end")
