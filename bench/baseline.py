"""The bare SQL that fetches what each measured page shows: the floor a page is held against."""

from sqlalchemy import Connection, text

PAGE_SIZE = 50
# The timeline order of partnership.events.queries.chronological, written out.
TIMELINE_ORDER = "e.date_sort NULLS LAST, e.date_precision, e.id"
EVENT_COLUMNS = """e.id, e.kind, e.title, e.summary, e.date_start, e.date_end, e.date_precision,
    e.date_tentative, c.name AS city"""


def _in(ids) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def event_links(connection: Connection, ids: list[int]) -> None:
    """Fetch the topics and press articles of the events `ids`."""
    connection.execute(
        text(
            "SELECT et.event_id, t.name FROM event_topic et JOIN topic t ON t.id = et.topic_id "
            f"WHERE et.event_id IN ({_in(ids)}) ORDER BY t.name"
        )
    ).all()
    connection.execute(
        text(
            "SELECT ep.event_id, p.title, p.url FROM event_press_article ep "
            "JOIN press_article p ON p.id = ep.press_article_id "
            f"WHERE ep.event_id IN ({_in(ids)}) AND p.archived_at IS NULL"
        )
    ).all()


def timeline(connection: Connection, page: int = 1, **filters) -> None:
    """Fetch one timeline page: its events with city, topics, press, and the total."""
    where, params = ["e.archived_at IS NULL"], {}
    if "city" in filters:
        where.append("(e.partner_city_id = :city OR v.host_city_id = :city)")
    if "kind" in filters:
        where.append("e.kind = :kind")
    if "date_from" in filters:
        where.append("e.date_end >= :date_from")
    if "date_to" in filters:
        where.append("e.date_start <= :date_to")
    params.update(filters)
    body = (
        "FROM event e LEFT JOIN visit v ON v.id = e.id "
        "LEFT JOIN city c ON c.id = e.partner_city_id WHERE " + " AND ".join(where)
    )
    rows = connection.execute(
        text(
            f"SELECT {EVENT_COLUMNS} {body} ORDER BY {TIMELINE_ORDER} LIMIT :limit OFFSET :offset"
        ),
        {**params, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE},
    ).all()
    connection.execute(text(f"SELECT count(*) {body}"), params).scalar()
    event_links(connection, [row.id for row in rows])


def city_page(connection: Connection, city_id: int, events: int = PAGE_SIZE) -> None:
    """Fetch a city page: the city, its names, partnerships, a page of its events, people."""
    params = {"city": city_id}
    connection.execute(text("SELECT * FROM city WHERE id = :city"), params).one()
    connection.execute(text("SELECT * FROM city_name WHERE city_id = :city"), params).all()
    connection.execute(
        text("SELECT * FROM partnership WHERE partner_city_id = :city OR home_city_id = :city"),
        params,
    ).all()
    rows = connection.execute(
        text(
            f"SELECT {EVENT_COLUMNS} FROM event e LEFT JOIN visit v ON v.id = e.id "
            "LEFT JOIN city c ON c.id = e.partner_city_id WHERE e.archived_at IS NULL "
            "AND (e.partner_city_id = :city OR v.host_city_id = :city) "
            f"ORDER BY {TIMELINE_ORDER} LIMIT :limit"
        ),
        {**params, "limit": events},
    ).all()
    event_links(connection, [row.id for row in rows])
    for table in ("organisation", "contact"):
        connection.execute(
            text(
                f"SELECT id, name FROM {table} WHERE city_id = :city AND archived_at IS NULL "
                "ORDER BY name LIMIT :limit"
            ),
            {**params, "limit": PAGE_SIZE},
        ).all()


def contact_list(connection: Connection, page: int = 1) -> None:
    """Fetch a page of the contact list with organisation and city, and the total."""
    connection.execute(
        text(
            "SELECT p.id, p.name, p.role_title, p.email, o.name, c.name FROM contact p "
            "LEFT JOIN organisation o ON o.id = p.organisation_id "
            "LEFT JOIN city c ON c.id = p.city_id WHERE p.archived_at IS NULL "
            "ORDER BY p.name LIMIT :limit OFFSET :offset"
        ),
        {"limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE},
    ).all()
    connection.execute(text("SELECT count(*) FROM contact WHERE archived_at IS NULL")).scalar()
