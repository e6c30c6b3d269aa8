"""Partnership stages, aid deliveries, dated roles of contacts, event texts in more languages, record merges

Revision ID: da827a976dbd
Revises: b87034bbbcf9
Create Date: 2026-12-01 18:44:52.730103

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'da827a976dbd'
down_revision = 'b87034bbbcf9'
branch_labels = None
depends_on = None

EVENT_KINDS = ('visit', 'agreement', 'exchange', 'milestone')
NEW_EVENT_KINDS = ('stage', 'aid delivery')


def on_sqlite():
    return op.get_bind().dialect.name == 'sqlite'


def foreign_keys_off():
    """SQLite changes a CHECK constraint by building the table anew; its foreign keys stay off
    meanwhile, or dropping the old event table would delete every visit and agreement. The
    pragma only counts before the migration's first data change, so it comes first."""
    if on_sqlite():
        op.execute('PRAGMA foreign_keys = OFF')


def foreign_keys_on():
    if on_sqlite():
        op.execute('PRAGMA foreign_keys = ON')


def allow_event_kinds(kinds):
    with op.batch_alter_table('event', recreate='always' if on_sqlite() else 'auto') as batch_op:
        batch_op.drop_constraint(op.f('ck_event_eventkind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_event_eventkind'), sa.column('kind').in_(kinds))


def delete_events_of_new_kinds():
    """Going down forgets stages and aid deliveries, and what referred to them (the foreign
    keys are off on SQLite, so nothing cascades by itself)."""
    inspector = sa.inspect(op.get_bind())
    doomed = "SELECT id FROM event WHERE kind IN ('stage', 'aid delivery')"
    for table in inspector.get_table_names():
        for key in inspector.get_foreign_keys(table):
            if key['referred_table'] == 'event' and table != 'event':
                column = key['constrained_columns'][0]
                op.execute(sa.text(f'DELETE FROM "{table}" WHERE "{column}" IN ({doomed})'))
    op.execute(sa.text(f'DELETE FROM event WHERE id IN ({doomed})'))


def upgrade():
    foreign_keys_off()
    allow_event_kinds(EVENT_KINDS + NEW_EVENT_KINDS)
    op.create_table('record_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('kept_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('moves', sa.JSON(), nullable=False),
    sa.Column('merged_at', sa.DateTime(), nullable=False),
    sa.Column('merged_by_id', sa.Integer(), nullable=True),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['merged_by_id'], ['user.id'], name=op.f('fk_record_merge_merged_by_id_user')),
    sa.ForeignKeyConstraint(['undone_by_id'], ['user.id'], name=op.f('fk_record_merge_undone_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_merge'))
    )
    with op.batch_alter_table('record_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_merge_kept_id'), ['kept_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_merge_merged_id'), ['merged_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_merge_table_name'), ['table_name'], unique=False)

    op.create_table('event_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_text_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_text')),
    sa.UniqueConstraint('event_id', 'language', name=op.f('uq_event_text_event_id'))
    )
    with op.batch_alter_table('event_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_text_event_id'), ['event_id'], unique=False)

    op.create_table('aid_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goods', sa.Text(), nullable=False),
    sa.Column('sender_id', sa.Integer(), nullable=True),
    sa.Column('recipient_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('paid_by_programme_id', sa.Integer(), nullable=True),
    sa.Column('paid_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('value >= 0', name=op.f('ck_aid_delivery_value_not_negative')),
    sa.ForeignKeyConstraint(['id'], ['event.id'], name=op.f('fk_aid_delivery_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paid_by_id'], ['organisation.id'], name=op.f('fk_aid_delivery_paid_by_id_organisation')),
    sa.ForeignKeyConstraint(['paid_by_programme_id'], ['programme.id'], name=op.f('fk_aid_delivery_paid_by_programme_id_programme')),
    sa.ForeignKeyConstraint(['recipient_id'], ['organisation.id'], name=op.f('fk_aid_delivery_recipient_id_organisation')),
    sa.ForeignKeyConstraint(['sender_id'], ['organisation.id'], name=op.f('fk_aid_delivery_sender_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_delivery'))
    )
    with op.batch_alter_table('aid_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_delivery_paid_by_id'), ['paid_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_delivery_paid_by_programme_id'), ['paid_by_programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_delivery_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_delivery_sender_id'), ['sender_id'], unique=False)

    op.create_table('contact_role',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('until_start', sa.Date(), nullable=True),
    sa.Column('until_end', sa.Date(), nullable=True),
    sa.Column('until_precision', sa.String(length=16), nullable=True),
    sa.Column('until_tentative', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('archived_by_id', sa.Integer(), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_tentative', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('date_sort', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['archived_by_id'], ['user.id'], name=op.f('fk_contact_role_archived_by_id_user')),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], name=op.f('fk_contact_role_contact_id_contact'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_contact_role_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_role'))
    )
    with op.batch_alter_table('contact_role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_role_archived_at'), ['archived_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_role_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_role_date_sort'), ['date_sort'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_role_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('partnership_stage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('founded', 'signed', 'upgraded', 'suspended', 'resumed', 'ended', name='stagekind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('partnership_kind', sa.Enum('twinning', 'friendship', 'project', 'solidarity', name='partnershipkind', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('decision', sa.String(length=500), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_partnership_stage_agreement_id_agreement')),
    sa.ForeignKeyConstraint(['id'], ['event.id'], name=op.f('fk_partnership_stage_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_partnership_stage_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_stage'))
    )
    with op.batch_alter_table('partnership_stage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_stage_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_stage_partnership_id'), ['partnership_id'], unique=False)

    foreign_keys_on()


def downgrade():
    foreign_keys_off()
    delete_events_of_new_kinds()
    with op.batch_alter_table('partnership_stage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_stage_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_stage_agreement_id'))

    op.drop_table('partnership_stage')
    with op.batch_alter_table('contact_role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_role_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_contact_role_date_sort'))
        batch_op.drop_index(batch_op.f('ix_contact_role_contact_id'))
        batch_op.drop_index(batch_op.f('ix_contact_role_archived_at'))

    op.drop_table('contact_role')
    with op.batch_alter_table('aid_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_delivery_sender_id'))
        batch_op.drop_index(batch_op.f('ix_aid_delivery_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_aid_delivery_paid_by_programme_id'))
        batch_op.drop_index(batch_op.f('ix_aid_delivery_paid_by_id'))

    op.drop_table('aid_delivery')
    with op.batch_alter_table('event_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_text_event_id'))

    op.drop_table('event_text')
    with op.batch_alter_table('record_merge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_merge_table_name'))
        batch_op.drop_index(batch_op.f('ix_record_merge_merged_id'))
        batch_op.drop_index(batch_op.f('ix_record_merge_kept_id'))

    op.drop_table('record_merge')
    allow_event_kinds(EVENT_KINDS)
    foreign_keys_on()
