"""The bare SQL that fetches the rows of a timeline page: the floor's queries.

No count of every matching row: the page itself avoids it, so a floor with one would flatter it.
"""

from sqlalchemy import Connection, text

from partnership.text import search_key

PAGE_SIZE = 50
# The timeline order of partnership.events.queries.chronological, written out.
TIMELINE_ORDER = "e.date_sort NULLS LAST, e.date_precision, e.id"
EVENT_COLUMNS = """e.id, e.kind, e.title, e.summary, e.date_start, e.date_end, e.date_precision,
    e.date_tentative, c.name AS city"""


def _in(ids) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def event_links(connection: Connection, ids: list[int]) -> tuple[list, list]:
    """Fetch the topics and press articles of the events `ids`."""
    topics = connection.execute(
        text(
            "SELECT et.event_id, t.name FROM event_topic et JOIN topic t ON t.id = et.topic_id "
            f"WHERE et.event_id IN ({_in(ids)}) ORDER BY t.name"
        )
    ).all()
    press = connection.execute(
        text(
            "SELECT ep.event_id, p.title, p.url FROM event_press_article ep "
            "JOIN press_article p ON p.id = ep.press_article_id "
            f"WHERE ep.event_id IN ({_in(ids)}) AND p.archived_at IS NULL"
        )
    ).all()
    return topics, press


def timeline_rows(connection: Connection, page: int = 1, **filters) -> list:
    """Fetch one timeline page of events with their city, filtered as the timeline's form."""
    where, params = ["e.archived_at IS NULL"], {}
    if "city" in filters:
        where.append("(e.partner_city_id = :city OR v.host_city_id = :city)")
        params["city"] = int(filters["city"])
    if "kind" in filters:
        where.append("e.kind = :kind")
        params["kind"] = filters["kind"]
    if "topic" in filters:
        where.append(
            "EXISTS (SELECT 1 FROM event_topic et "
            "WHERE et.event_id = e.id AND et.topic_id = :topic)"
        )
        params["topic"] = int(filters["topic"])
    if "date_from" in filters:
        where.append("e.date_end >= :date_from")
        params["date_from"] = f"{filters['date_from']}-01-01"
    if "date_to" in filters:
        where.append("e.date_start <= :date_to")
        params["date_to"] = f"{filters['date_to']}-12-31"
    if "q" in filters:
        where.append("e.search_text LIKE :q")
        params["q"] = f"%{search_key(filters['q'])}%"
    body = (
        "FROM event e LEFT JOIN visit v ON v.id = e.id "
        "LEFT JOIN city c ON c.id = e.partner_city_id WHERE " + " AND ".join(where)
    )
    return connection.execute(
        text(
            f"SELECT {EVENT_COLUMNS} {body} ORDER BY {TIMELINE_ORDER} LIMIT :limit OFFSET :offset"
        ),
        {**params, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE},
    ).all()
