"""Documents on records, participants by gender, age group, sending city and day, rule sets of programmes

Revision ID: 3bc768506724
Revises: da827a976dbd
Create Date: 2026-12-01 19:38:10.908281

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3bc768506724'
down_revision = 'da827a976dbd'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('signed list', 'photo', 'clipping', 'flyer', 'signed agreement', 'receipt', 'other', name='documentkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('public', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('archived_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['archived_by_id'], ['user.id'], name=op.f('fk_document_archived_by_id_user')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_document_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_document_storage_key'))
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_archived_at'), ['archived_at'], unique=False)
        batch_op.create_index('ix_document_record', ['table_name', 'record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_sha256'), ['sha256'], unique=False)

    op.create_table('participant_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_participant_day_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_day')),
    sa.UniqueConstraint('participant_id', 'day', name=op.f('uq_participant_day_participant_id'))
    )
    with op.batch_alter_table('participant_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_day_participant_id'), ['participant_id'], unique=False)

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gender', sa.Enum('female', 'male', 'diverse', 'not stated', name='gender', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('age_group', sa.Enum('under 18', '18 to 30', '31 to 64', '65 and over', name='agegroup', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('sending_city_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_participant_sending_city_id'), ['sending_city_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_participant_sending_city_id_city'), 'city', ['sending_city_id'], ['id'])

    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rule_set', sa.String(length=64), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.drop_column('rule_set')

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_participant_sending_city_id_city'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_participant_sending_city_id'))
        # SQLite copies a CHECK constraint into the rebuilt table; one on a dropped column
        # would name a column that is gone.
        batch_op.drop_constraint(batch_op.f('ck_participant_agegroup'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_participant_gender'), type_='check')
        batch_op.drop_column('sending_city_id')
        batch_op.drop_column('age_group')
        batch_op.drop_column('gender')

    with op.batch_alter_table('participant_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_day_participant_id'))

    op.drop_table('participant_day')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_sha256'))
        batch_op.drop_index('ix_document_record')
        batch_op.drop_index(batch_op.f('ix_document_archived_at'))

    op.drop_table('document')
