"""Full-text search indexes: FTS5 trigram tables kept by triggers on SQLite, pg_trgm GIN on PostgreSQL

Revision ID: e5d1a7c93b04
Revises: 393df1eae15c
Create Date: 2026-12-01 22:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e5d1a7c93b04'
down_revision = '393df1eae15c'
branch_labels = None
depends_on = None

# The searched tables and their folded column (as partnership/search/fulltext.py SEARCHED).
SEARCHED = {
    'city_name': 'search_key',
    'contact': 'search_text',
    'delegation': 'search_text',
    'event': 'search_text',
    'funding_grant': 'search_text',
    'organisation': 'search_text',
    'press_article': 'search_text',
    'programme': 'search_text',
    'topic': 'search_text',
}


def on_sqlite():
    return op.get_bind().dialect.name == 'sqlite'


def indexed(row, column):
    # Two spaces on either side (the folded text has single spaces only): its start, its end
    # and the start of each word are trigrams.
    return f"'  ' || coalesce({row}.{column}, '') || '  '"


def sqlite_index(name, column):
    """A contentless trigram FTS5 table over the folded column, kept in step by triggers.

    Contentless: the text is in the table already; the triggers give the old text back when
    a row changes or goes, as such a table needs to take it out of the index. A migration
    that rebuilds one of these tables (batch mode) drops its triggers: it must run
    `sqlite_triggers` again.
    """
    op.execute(
        f"CREATE VIRTUAL TABLE {name}_search USING fts5("
        f"{name}_text, content='', columnsize=0, tokenize='trigram')"
    )
    op.execute(
        f"INSERT INTO {name}_search (rowid, {name}_text) "
        f"SELECT id, {indexed(name, column)} FROM {name}"
    )
    sqlite_triggers(name, column)


def sqlite_triggers(name, column):
    add = f"INSERT INTO {name}_search (rowid, {name}_text) VALUES (new.id, {indexed('new', column)});"
    take = (
        f"INSERT INTO {name}_search ({name}_search, rowid, {name}_text) "
        f"VALUES ('delete', old.id, {indexed('old', column)});"
    )
    op.execute(f"CREATE TRIGGER {name}_search_insert AFTER INSERT ON {name} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {name}_search_delete AFTER DELETE ON {name} BEGIN {take} END")
    op.execute(
        f"CREATE TRIGGER {name}_search_update AFTER UPDATE OF id, {column} ON {name} "
        f"BEGIN {take} {add} END"
    )


def upgrade():
    if on_sqlite():
        for name, column in SEARCHED.items():
            sqlite_index(name, column)
        return
    # A trusted extension: the database's owner may create it without being a superuser.
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    for name, column in SEARCHED.items():
        op.execute(
            f'CREATE INDEX ix_{name}_{column}_trgm ON "{name}" USING gin ({column} gin_trgm_ops)'
        )
        # A finer sample: with the default one a rare phrase holding a common word ('visit
        # 1234') is guessed at a thousand rows, and the planner walks the list's order index
        # through every row instead of asking the trigram index (190 ms against 6 ms).
        op.execute(f'ALTER TABLE "{name}" ALTER COLUMN {column} SET STATISTICS 1000')


def downgrade():
    if on_sqlite():
        for name in SEARCHED:
            for change in ('insert', 'delete', 'update'):
                op.execute(f'DROP TRIGGER IF EXISTS {name}_search_{change}')
            op.execute(f'DROP TABLE IF EXISTS {name}_search')
        return
    for name, column in SEARCHED.items():
        op.execute(f'DROP INDEX IF EXISTS ix_{name}_{column}_trgm')
        op.execute(f'ALTER TABLE "{name}" ALTER COLUMN {column} SET STATISTICS -1')
    # pg_trgm stays: the database may have had it before, for uses of its own.
