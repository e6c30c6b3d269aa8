"""Budget lines, receipts and participants are records: versions, archive instead of delete

Revision ID: b87034bbbcf9
Revises: cee7ae8b4a4f
Create Date: 2026-12-01 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b87034bbbcf9'
down_revision = 'cee7ae8b4a4f'
branch_labels = None
depends_on = None

TABLES = ('budget_line', 'cost_item', 'participant')


def foreign_keys_checked_at_the_end():
    """SQLite adds a foreign key by building the table anew and dropping the old one, which
    the receipts booked on a budget line would refuse: their check waits until the new table
    stands. Outside a transaction SQLite takes the first pragma, inside one the second."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('PRAGMA foreign_keys = OFF')
        op.execute('PRAGMA defer_foreign_keys = ON')


def foreign_keys_checked_again():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('PRAGMA foreign_keys = ON')


def upgrade():
    foreign_keys_checked_at_the_end()
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
            batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))
            batch_op.add_column(sa.Column('archived_by_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_archived_at'), ['archived_at'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_archived_by_id_user'), 'user', ['archived_by_id'], ['id'])
    foreign_keys_checked_again()


def downgrade():
    # Before, removing one of these deleted it: going down deletes the archived ones. A line
    # that a receipt still books on stays.
    op.execute(sa.text('DELETE FROM cost_item WHERE archived_at IS NOT NULL'))
    op.execute(sa.text('DELETE FROM participant WHERE archived_at IS NOT NULL'))
    op.execute(sa.text(
        'DELETE FROM budget_line WHERE archived_at IS NOT NULL '
        'AND id NOT IN (SELECT budget_line_id FROM cost_item)'
    ))
    foreign_keys_checked_at_the_end()
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_archived_by_id_user'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_archived_at'))
            batch_op.drop_column('archived_by_id')
            batch_op.drop_column('archived_at')
            batch_op.drop_column('version')
    foreign_keys_checked_again()
