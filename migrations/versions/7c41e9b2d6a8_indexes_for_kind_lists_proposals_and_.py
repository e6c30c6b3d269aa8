"""Indexes for the list of each kind of event (newest first), the proposals awaiting confirmation and the delegations by name

Revision ID: 7c41e9b2d6a8
Revises: e5d1a7c93b04
Create Date: 2026-12-01 22:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c41e9b2d6a8'
down_revision = 'e5d1a7c93b04'
branch_labels = None
depends_on = None

NOT_ARCHIVED = sa.text('archived_at IS NULL')


def upgrade():
    # Newest first, undated last: PostgreSQL walks an index backwards with NULLs first, so it is
    # built in the lists' order; SQLite walks it either way and takes no NULLS LAST here.
    if op.get_bind().dialect.name == 'postgresql':
        columns = [
            'kind', sa.text('date_sort DESC NULLS LAST'), sa.text('date_precision DESC'),
            sa.text('id DESC'),
        ]
    else:
        columns = ['kind', 'date_sort', 'date_precision', 'id']
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(
            'ix_event_kind_timeline', columns, unique=False,
            sqlite_where=NOT_ARCHIVED, postgresql_where=NOT_ARCHIVED,
        )
        batch_op.create_index(
            'ix_event_awaiting', ['created_at', 'id'], unique=False,
            sqlite_where=sa.text('awaiting_confirmation IS 1 AND archived_at IS NULL'),
            postgresql_where=sa.text('awaiting_confirmation IS true AND archived_at IS NULL'),
        )
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.create_index('ix_delegation_name', ['name'], unique=False)


def downgrade():
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.drop_index('ix_delegation_name')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_awaiting')
        batch_op.drop_index('ix_event_kind_timeline')
