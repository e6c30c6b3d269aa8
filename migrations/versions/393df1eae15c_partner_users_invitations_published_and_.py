"""Partner users, invitations, published and proposed events, programme days, API tokens

Revision ID: 393df1eae15c
Revises: 3bc768506724
Create Date: 2026-12-01 21:32:21.259090

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '393df1eae15c'
down_revision = '3bc768506724'
branch_labels = None
depends_on = None

ROLES = ('viewer', 'editor', 'admin')


def on_sqlite():
    return op.get_bind().dialect.name == 'sqlite'


def foreign_keys_off():
    """SQLite adds a foreign key or changes a CHECK constraint by building the table anew;
    with foreign keys on, dropping the old event or user table would delete or break every
    row that refers to it. The pragma only counts before the first data change."""
    if on_sqlite():
        op.execute('PRAGMA foreign_keys = OFF')


def foreign_keys_on():
    if on_sqlite():
        op.execute('PRAGMA foreign_keys = ON')


def allow_roles(roles):
    with op.batch_alter_table('user', recreate='always' if on_sqlite() else 'auto') as batch_op:
        batch_op.drop_constraint(op.f('ck_user_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_user_role'), sa.column('role').in_(roles))


def upgrade():
    foreign_keys_off()
    allow_roles(('partner',) + ROLES)
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.Enum('read', 'write', name='tokenscope', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_api_token_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)

    op.create_table('partner_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('accepted_user_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['accepted_user_id'], ['user.id'], name=op.f('fk_partner_invitation_accepted_user_id_user')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_partner_invitation_created_by_id_user')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_partner_invitation_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_partner_invitation_token_hash'))
    )
    with op.batch_alter_table('partner_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_invitation_partnership_id'), ['partnership_id'], unique=False)

    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('proposed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('awaiting_confirmation', sa.Boolean(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_event_awaiting_confirmation'), ['awaiting_confirmation'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_proposed_by_id'), ['proposed_by_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_event_proposed_by_id_user'), 'user', ['proposed_by_id'], ['id'])

    with op.batch_alter_table('programme_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day', sa.Date(), nullable=True))

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partnership_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_user_partnership_id_partnership'), 'partnership', ['partnership_id'], ['id'])

    foreign_keys_on()


def downgrade():
    foreign_keys_off()
    # Partner users lose their sessions here and are kept as locked viewers below: a partner
    # role the old schema cannot hold must never turn into seeing every partnership.
    op.execute("DELETE FROM user_session WHERE user_id IN "
               "(SELECT id FROM \"user\" WHERE role = 'partner')")
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_partnership_id_partnership'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_partnership_id'))
        batch_op.drop_column('partnership_id')

    with op.batch_alter_table('programme_item', schema=None) as batch_op:
        batch_op.drop_column('day')

    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_event_proposed_by_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_event_proposed_by_id'))
        batch_op.drop_index(batch_op.f('ix_event_awaiting_confirmation'))
        batch_op.drop_column('awaiting_confirmation')
        batch_op.drop_column('proposed_by_id')
        batch_op.drop_column('published')

    with op.batch_alter_table('partner_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_invitation_partnership_id'))

    op.drop_table('partner_invitation')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')
    op.execute("UPDATE \"user\" SET role = 'viewer', active = false WHERE role = 'partner'")
    allow_roles(ROLES)
    foreign_keys_on()
