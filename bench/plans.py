"""Ask the database how it runs a page's statements: which read a large table unindexed.

A step counts as unindexed when it reads every row of a table of more than `LARGE` rows
(a full scan, or a full walk of an index to filter it) or sorts such a read, instead of
seeking with an index. Counting every row of a table is allowed: a page total needs it.
"""

import re

from sqlalchemy import Connection, func, select, table

LARGE = 5000


def table_sizes(connection: Connection) -> dict[str, int]:
    from partnership.extensions import db

    return {
        name: connection.scalar(select(func.count()).select_from(table(name)))
        for name in db.metadata.tables
    }


def unindexed_steps(
    connection: Connection, statements: list[tuple[str, object]], sizes: dict | None = None
) -> list[str]:
    """Return a description of each step of `statements` that reads a large table unindexed."""
    sizes = sizes or table_sizes(connection)
    large = {name for name, rows in sizes.items() if rows > LARGE}
    found, seen = [], set()
    for statement, parameters in statements:
        # A statement sent once per row (a download's batches) is asked about once.
        if not statement.lstrip().upper().startswith("SELECT") or statement in seen:
            continue
        seen.add(statement)
        if connection.dialect.name == "sqlite":
            steps = _sqlite_steps(connection, statement, parameters, large)
        else:
            steps = _postgresql_steps(connection, statement, parameters, large)
        found += [f"{step} in: {' '.join(statement.split())[:160]}" for step in steps]
    return found


def _sqlite_steps(connection, statement, parameters, large) -> list[str]:
    plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    aliases = dict(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+AS)?\s+(\w+)", statement))
    aliases = {alias: name for name, alias in aliases.items()}
    counting = statement.lstrip().lower().startswith("select count(")
    sorting = any("TEMP B-TREE FOR ORDER BY" in row[-1] for row in plan)
    # A rowid table is itself a b-tree keyed by its INTEGER PRIMARY KEY: "SCAN t" in the
    # order asked for (ORDER BY t.id, nothing sorted afterwards) with a LIMIT walks that key
    # and stops at the page, as a walk of any other index does (the API's lists in order of id).
    by_key = re.search(r"\bORDER BY (\w+)\.id\b", statement)
    limited = re.search(r"\bLIMIT\b", statement) is not None
    steps = []
    for *_, detail in plan:
        match = re.match(r"SCAN (\w+)( USING (COVERING )?INDEX)?", detail)
        if not match or aliases.get(match.group(1), match.group(1)) not in large or counting:
            continue
        if by_key and by_key.group(1) == match.group(1) and limited and not sorting:
            continue
        # Walking an index in the order asked for stops at the page's LIMIT; walking it and
        # then sorting, or reading the table itself, reads every row.
        if not match.group(2) or sorting:
            steps.append(f"SQLite: {detail}" + (", then sorts" if sorting else ""))
    return steps


def _postgresql_steps(connection, statement, parameters, large) -> list[str]:
    plan = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
    steps = []

    def walk(node, below_count):
        kind = node["Node Type"]
        relation = node.get("Relation Name")
        counting = below_count or (kind == "Aggregate" and node.get("Strategy") == "Plain")
        # A scan that filters rows lacks an index; one feeding a hash join is a join strategy.
        if kind == "Seq Scan" and relation in large and "Filter" in node and not counting:
            steps.append(f"PostgreSQL: Seq Scan on {relation} filtering {node['Filter']}")
        if kind == "Sort" and node.get("Plan Rows", 0) > LARGE:
            steps.append(f"PostgreSQL: Sort of {node['Plan Rows']} rows")
        for child in node.get("Plans", []):
            walk(child, counting)

    walk(plan[0]["Plan"], False)
    return steps
