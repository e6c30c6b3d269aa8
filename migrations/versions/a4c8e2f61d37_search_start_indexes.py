"""Sorted indexes of the start of each folded search text: texts equal to a query or starting so

Revision ID: a4c8e2f61d37
Revises: 5e8a1f3c7b20
Create Date: 2026-12-02 16:00:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "a4c8e2f61d37"
down_revision = "5e8a1f3c7b20"
branch_labels = None
depends_on = None

# The searched tables and their folded column (as partnership/search/fulltext.py SEARCHED).
SEARCHED = {
    "city_name": "search_key",
    "contact": "search_text",
    "delegation": "search_text",
    "event": "search_text",
    "funding_grant": "search_text",
    "organisation": "search_text",
    "press_article": "search_text",
    "programme": "search_text",
    "topic": "search_text",
}
# As partnership/search/starts.py HEAD: the expression must be the one the queries write.
HEAD = 64


def upgrade():
    on_sqlite = op.get_bind().dialect.name == "sqlite"
    for name, column in SEARCHED.items():
        if on_sqlite:
            # SQLite takes a whole text in an entry, and every index ends with the rowid:
            # equal texts stand in the order of ids.
            start = column
        else:
            # Code point order, whatever the database's collation: a prefix is one range.
            start = f'(left({column}, {HEAD}) COLLATE "C"), id'
        op.execute(f'CREATE INDEX ix_{name}_{column}_start ON "{name}" ({start})')


def downgrade():
    for name, column in SEARCHED.items():
        op.execute(f"DROP INDEX IF EXISTS ix_{name}_{column}_start")
