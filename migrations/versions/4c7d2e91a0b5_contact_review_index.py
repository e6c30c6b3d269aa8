"""An index of contacts by their last change, for the contacts to review

Revision ID: 4c7d2e91a0b5
Revises: b3f18c6d2a47
Create Date: 2026-12-02 12:00:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "4c7d2e91a0b5"
down_revision = "b3f18c6d2a47"
branch_labels = None
depends_on = None


def upgrade():
    # The review walks contacts from the longest unchanged, archived ones included, and
    # pages by id among equal times: the page's ids come off this index, no contact sorted.
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index("ix_contact_updated_at", ["updated_at", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_updated_at")
