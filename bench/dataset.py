"""A synthetic but realistic office: partner cities, their events, press, people.

Rows go in through SQLAlchemy Core in bulk, with their ids chosen here so links need no reading
back. Fuzzy dates and search texts are filled by the product's own code, as a form would.
"""

import datetime
import random
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import Connection, func, select, text

from partnership.events.models import EventKind
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate, Precision
from partnership.modeltypes import FuzzyDateColumns, Searchable

BATCH = 5000
FIRST_YEAR, LAST_YEAR = 1990, 2030
TOPICS = (
    "Digitalisation, Smart city, IT, Education, Culture, Urban transformation, Reconstruction, "
    "Youth, Sport, Climate, Energy, Water, Health, Economy, Tourism, Science, Mobility, "
    "Social affairs, Humanitarian aid, Administration"
).split(", ")
SYLLABLES = "ber lin ko wa sza dor mund zhy to myr lu ga no vi sad bra tis la ri ka mo sta gra da"
SYLLABLES = SYLLABLES.split()
COUNTRIES = "UA PL FR GB IL RU CN RS LV CZ TR ES GH".split()
SURNAMES = (
    "Novak Kowalska Schmidt Dubois Levi Shevchenko Brunsing Olshanska Zeuch Petrenko Moreau "
    "Smith Yilmaz Horvat Berzina"
).split()
GIVEN = "Anna Olena Fabian Svitlana Jan Marie Ivan Sarah Ahmet Lucia Tomasz Ines Mark Iryna Petra"
GIVEN = GIVEN.split()
OUTLETS = (
    "Newsroom City of Dortmund, Ruhr Nachrichten, WAZ, Westfälische Rundschau, "
    "Zhytomyr City Council, Local radio"
).split(", ")
KIND_SHARES = (
    (EventKind.VISIT, 0.4),
    (EventKind.AGREEMENT, 0.1),
    (EventKind.EXCHANGE, 0.15),
    (EventKind.MILESTONE, 0.35),
)


@dataclass(frozen=True)
class Size:
    name: str
    partner_cities: int
    events: int
    press_articles: int
    contacts: int
    organisations: int


SIZES = {
    "small": Size("small", 20, 2_000, 2_000, 400, 100),
    "large": Size("large", 200, 100_000, 100_000, 20_000, 1_000),
}


def fuzzy_columns(value: FuzzyDate) -> dict:
    """Return the stored columns of a fuzzy date, set by the product's own setter."""
    holder = SimpleNamespace()
    FuzzyDateColumns.date.fset(holder, value)
    return vars(holder)


def search_text(model, **fields) -> str:
    """Return the folded search text the product keeps for `fields` of `model`."""
    holder = SimpleNamespace(search_fields=model.search_fields, **fields)
    Searchable.refresh_search_text(holder)
    return holder.search_text


def random_fuzzy_date(rng: random.Random) -> FuzzyDate:
    start = datetime.date(
        rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28)
    )
    roll = rng.random()
    if roll < 0.6:
        end = start + datetime.timedelta(days=rng.choice((0, 0, 0, 1, 2, 5)))
        return FuzzyDate(start, end, Precision.DAY, tentative=start.year > 2025 and roll < 0.1)
    if roll < 0.85:
        first = start.replace(day=1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return FuzzyDate(first, last, Precision.MONTH, tentative=roll < 0.7)
    if roll < 0.95:
        quarter = (start.month - 1) // 3
        first = datetime.date(start.year, 3 * quarter + 1, 1)
        last = datetime.date(start.year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1)
        return FuzzyDate(first, last - datetime.timedelta(days=1), Precision.QUARTER)
    year = datetime.date(start.year, 1, 1)
    return FuzzyDate(year, datetime.date(start.year, 12, 31), Precision.YEAR)


def city_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def insert(connection: Connection, table_name: str, rows: list[dict]) -> None:
    table = db.metadata.tables[table_name]
    for start in range(0, len(rows), BATCH):
        connection.execute(table.insert(), rows[start : start + BATCH])


def generate(connection: Connection, size: Size, seed: int = 8) -> dict[str, int]:
    """Fill an empty migrated database with an office of `size`; return the row counts."""
    from partnership.events.models import Event, Topic
    from partnership.people.models import Contact
    from partnership.press.models import PressArticle

    rng = random.Random(seed)
    cities = [{"id": 1, "name": "Dortmund", "country_code": "DE", "is_home": True}]
    names = []
    for number in range(2, size.partner_cities + 2):
        name = f"{city_name(rng)} {number}"
        cities.append(
            {"id": number, "name": name, "country_code": rng.choice(COUNTRIES), "is_home": False}
        )
        names += [
            {
                "city_id": number,
                "language": "de",
                "name": f"{name}e",
                "search_key": f"{name}e".lower(),
            },
            {"city_id": number, "language": "", "name": name, "search_key": name.lower()},
        ]
    insert(connection, "city", cities)
    insert(connection, "city_name", names)
    partner_ids = [city["id"] for city in cities[1:]]
    insert(
        connection,
        "partnership",
        [
            {
                "id": n,
                "home_city_id": 1,
                "partner_city_id": city_id,
                "kind": "twinning",
                "status": "active",
                **fuzzy_columns(random_fuzzy_date(rng)),
            }
            for n, city_id in enumerate(partner_ids, 1)
        ],
    )
    organisations = [
        {
            "id": n,
            "name": f"Organisation {n}",
            "kind": rng.choice(("NGO", "school", "company")),
            "city_id": rng.choice(partner_ids),
        }
        for n in range(1, size.organisations + 1)
    ]
    insert(connection, "organisation", organisations)
    contacts = []
    for n in range(1, size.contacts + 1):
        name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {n}"
        email = f"person{n}@example.org"
        contacts.append(
            {
                "id": n,
                "name": name,
                "role_title": "coordinator",
                "email": email,
                "city_id": rng.choice(partner_ids),
                "organisation_id": rng.randint(1, size.organisations),
                "search_text": search_text(
                    Contact, name=name, role_title="coordinator", email=email
                ),
            }
        )
    insert(connection, "contact", contacts)
    insert(
        connection,
        "topic",
        [
            {"id": n, "name": name, "search_text": search_text(Topic, name=name)}
            for n, name in enumerate(TOPICS, 1)
        ],
    )
    _generate_events(connection, size, rng, partner_ids, Event, PressArticle)
    reset_sequences(connection)
    return counts(connection)


def _generate_events(connection, size, rng, partner_ids, event_model, article_model) -> None:
    kinds = rng.choices(
        [kind for kind, _ in KIND_SHARES], [s for _, s in KIND_SHARES], k=size.events
    )
    events, tables, topics, delegations = [], {}, [], []
    for event_id, kind in enumerate(kinds, 1):
        city_id = rng.choice(partner_ids)
        topic = rng.choice(TOPICS)
        title = f"{kind.value.title()} {event_id}: {topic} with partner city {city_id}"
        summary = f"About {topic.lower()} and the next steps of the partnership."
        events.append(
            {
                "id": event_id,
                "kind": kind.value,
                "title": title,
                "summary": summary,
                "partner_city_id": city_id,
                **fuzzy_columns(random_fuzzy_date(rng)),
                "search_text": search_text(event_model, title=title, summary=summary),
            }
        )
        for topic_id in rng.sample(range(1, len(TOPICS) + 1), rng.randint(1, 3)):
            topics.append({"event_id": event_id, "topic_id": topic_id})
        table, row = _subclass_row(kind, event_id, city_id, rng)
        tables.setdefault(table, []).append(row)
        if kind is EventKind.VISIT:
            delegations.append(
                {
                    "id": event_id,
                    "name": f"Delegation {event_id}",
                    "origin_city_id": city_id,
                    "size": rng.randint(2, 12),
                }
            )
    insert(connection, "event", events)
    insert(connection, "delegation", delegations)
    for table, rows in tables.items():
        insert(connection, table, rows)
    insert(connection, "event_topic", topics)
    articles, links = [], []
    for article_id in range(1, size.press_articles + 1):
        title = f"Press report {article_id} on the partnership"
        outlet = rng.choice(OUTLETS)
        articles.append(
            {
                "id": article_id,
                "title": title,
                "outlet": outlet,
                "language": "de",
                "url": f"https://news.example.org/{article_id}",
                "published_on": datetime.date(rng.randint(FIRST_YEAR, 2025), rng.randint(1, 12), 1),
                "search_text": search_text(article_model, title=title, outlet=outlet),
            }
        )
        for event_id in {rng.randint(1, size.events) for _ in range(rng.choice((1, 1, 1, 2)))}:
            links.append({"event_id": event_id, "press_article_id": article_id})
    insert(connection, "press_article", articles)
    insert(connection, "event_press_article", links)


def _subclass_row(kind: EventKind, event_id: int, city_id: int, rng) -> tuple[str, dict]:
    if kind is EventKind.VISIT:
        incoming = rng.random() < 0.5
        return "visit", {
            "id": event_id,
            "direction": "incoming" if incoming else "outgoing",
            "host_city_id": 1 if incoming else city_id,
            "delegation_id": event_id,
            "status": "done",
            "occasion": "",
        }
    if kind is EventKind.AGREEMENT:
        return "agreement", {"id": event_id, "agreement_kind": "cooperation agreement"}
    if kind is EventKind.EXCHANGE:
        return "planned_exchange", {
            "id": event_id,
            "exchange_kind": "youth exchange",
            "direction": rng.choice(("incoming", "outgoing")),
        }
    return "milestone", {"id": event_id, "milestone_kind": "meeting", "place": ""}


def reset_sequences(connection: Connection) -> None:
    """Let PostgreSQL's id sequences continue after the ids chosen here."""
    if connection.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and not table.c.id.foreign_keys:
            top = connection.scalar(select(func.max(table.c.id)))
            if top:
                sequence = connection.scalar(
                    text("SELECT pg_get_serial_sequence(:table, 'id')"),
                    {"table": f'"{table.name}"'},
                )
                if sequence:
                    connection.execute(
                        text("SELECT setval(:seq, :top)"), {"seq": sequence, "top": top}
                    )


def counts(connection: Connection) -> dict[str, int]:
    names = ("city", "event", "press_article", "contact", "event_topic", "event_press_article")
    table = db.metadata.tables
    return {
        name: connection.scalar(select(func.count()).select_from(table[name])) for name in names
    }
