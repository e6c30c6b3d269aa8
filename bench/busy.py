"""The records a benchmark opens: the busiest of each kind, found from the data at hand."""

import re
from collections import Counter

from flask import Flask
from sqlalchemy import Connection, func, select, union_all

from partnership.extensions import db
from partnership.records.entity import Entity, entities, entity_named

# A list's common word should fill a page: this many rows or more.
WORD_ROWS = 51


def _texts(record) -> list[str]:
    """What a list shows of `record`: its link text, name or title."""
    found = [str(record), getattr(record, "name", None), getattr(record, "title", None)]
    return list(dict.fromkeys(t for t in found if isinstance(t, str) and t))


class Busy:
    """Answers "which record?" for one database: the one most other rows refer to."""

    def __init__(self, app: Flask, connection: Connection, words: dict | None = None):
        self.app, self.connection = app, connection
        self._ids: dict[str, int | None] = {}
        # The common word chosen for each list; given, to search the same word on both sizes.
        self.words: dict[str, str] = {} if words is None else words

    def count(self, table: str) -> int:
        return self.connection.scalar(select(func.count()).select_from(db.metadata.tables[table]))

    def id_of(self, table_name: str) -> int | None:
        """The id of the row of `table_name` with the most kinds of rows referring to it (by
        any foreign key, its parent tables' included), then with most rows by any one of them;
        the first row when nothing refers to it.

        The kinds come first so that both sizes open a record of the same shape: the busiest
        by rows alone is a record of the demo story on the small data and a synthetic one,
        without grants, receipts or participants, on the large data, and its page then sends
        other queries, not more of them."""
        if table_name not in self._ids:
            self._ids[table_name] = self._busiest(table_name)
        return self._ids[table_name]

    def _busiest(self, table_name: str) -> int | None:
        tables = db.metadata.tables
        if table_name not in tables or "id" not in tables[table_name].c:
            return None
        own = tables[table_name]
        joined = own.alias("busy_target")
        targets = {own.name} | {fk.column.table.name for fk in own.c.id.foreign_keys}
        # Per referring column: each row referred to, and by how many rows.
        counts = []
        for table in tables.values():
            for column in table.c:
                if column.primary_key and column.name == "id":
                    continue  # a subclass's own row, not a reference
                if not any(fk.column.table.name in targets for fk in column.foreign_keys):
                    continue
                counts.append(
                    select(column.label("target"), func.count().label("n"))
                    .join_from(table, joined, joined.c.id == column)
                    .group_by(column)
                )
        best = None
        if counts:
            each = union_all(*counts).subquery()
            best = self.connection.scalar(
                select(each.c.target)
                .group_by(each.c.target)
                .order_by(func.count().desc(), func.max(each.c.n).desc(), each.c.target)
                .limit(1)
            )
        if best is None:
            best = self.connection.scalar(select(func.min(own.c.id)))
        return best

    def entity_of_blueprint(self, blueprint: str) -> Entity | None:
        return entity_named(blueprint)

    def table_of_blueprint(self, blueprint: str) -> str | None:
        entity = entity_named(blueprint)
        return entity.model.__table__.name if entity is not None else None

    def lookup_source(self) -> str | None:
        from partnership.lookup.sources import _SOURCES

        return "city" if "city" in _SOURCES else next(iter(sorted(_SOURCES)), None)

    def importable(self) -> str | None:
        return next((e.name for e in sorted(entities(), key=lambda e: e.name) if e.importer), None)

    def history_table(self) -> str:
        return "city"

    def history_id(self) -> int | None:
        """A city written through the services (the demo's partner city), so it has a history."""
        from partnership.partners.models import City

        found = self.connection.scalar(select(City.id).where(City.name == "Zhytomyr"))
        return found or self.id_of("city")

    def history_entity(self) -> str:
        return "City"

    def common_word(self, entity: Entity, first_choice: str) -> str:
        """A word that leaves a full page of `entity`'s list (or as many rows as any word
        tried): `first_choice`, else a word or a part of one from the list's first rows."""
        if entity.name not in self.words:
            self.words[entity.name] = self._common_word(entity, first_choice)
        return self.words[entity.name]

    def _common_word(self, entity: Entity, first_choice: str) -> str:
        with self.app.test_request_context():
            try:
                found = Counter()
                for record in db.session.scalars(entity.list_query("").limit(20)):
                    for text in _texts(record):
                        found.update(w.lower() for w in re.findall(r"[^\W\d_]{3,}", text))
                words = [word for word, _ in found.most_common(6)]
                candidates = [first_choice, *words, *dict.fromkeys(w[:3] for w in words)]
                best, best_rows = first_choice, -1
                for word in candidates:
                    shown = entity.list_query(word).limit(WORD_ROWS).subquery()
                    rows = db.session.scalar(select(func.count()).select_from(shown))
                    if rows >= WORD_ROWS:
                        return word
                    if rows > best_rows:
                        best, best_rows = word, rows
                return best
            finally:
                db.session.remove()

    def one_row_term(self, entity: Entity) -> str | None:
        """A search text that leaves one (or very few) rows in `entity`'s list."""
        with self.app.test_request_context():
            try:
                for record in db.session.scalars(entity.list_query("").limit(5)):
                    # What the list shows as the row's link, its name or title, else its
                    # longest word (a name shared by a prefix of others: "Delegation 1").
                    texts = _texts(record)
                    words = sorted({w for t in texts for w in t.split()}, key=len, reverse=True)
                    for term in (*texts, *words[:2]):
                        shown = db.session.scalar(
                            select(func.count()).select_from(entity.list_query(term).subquery())
                        )
                        if 0 < shown <= 3:
                            return term
            finally:
                db.session.remove()
        return None

    def partner(self):
        """The partner user's id and the partnership and partner city it belongs to."""
        from bench.database import PARTNER_LOGIN
        from partnership.auth.models import User
        from partnership.partners.models import Partnership

        return self.connection.execute(
            select(User.id, Partnership.id, Partnership.partner_city_id)
            .join(Partnership, User.partnership_id == Partnership.id)
            .where(User.email == PARTNER_LOGIN[0])
        ).first()

    def partner_event_id(self) -> int | None:
        """The busiest event of the partner user's partnership (its partner city's events)."""
        from partnership.events.models import Event, EventKind

        if self.partner() is None:
            return None
        city = self.partner()[2]
        busiest = self.id_of("event")
        owned = select(Event.partner_city_id).where(Event.id == busiest)
        if self.connection.scalar(owned) == city:
            return busiest
        # Else its first visit: the same kind of event on both sizes.
        return self.connection.scalar(
            select(func.min(Event.id)).where(
                Event.partner_city_id == city, Event.kind == EventKind.VISIT
            )
        )

    def proposed_event_id(self) -> int | None:
        """An event the partner user proposed: the one they may edit."""
        from partnership.events.models import Event

        if self.partner() is None:
            return None
        found = select(func.min(Event.id)).where(Event.proposed_by_id == self.partner()[0])
        return self.connection.scalar(found)

    def partner_document_id(self) -> int | None:
        """A document of the partner user's partnership."""
        from partnership.documents.models import Document

        if self.partner() is None:
            return None
        return self.connection.scalar(
            select(func.min(Document.id)).where(
                Document.table_name == "partnership", Document.record_id == self.partner()[1]
            )
        )

    def published_event_id(self) -> int | None:
        """The published event of the partner's partnership with the benchmark's public photo."""
        return self._public_photo(lambda d: d.record_id)

    def public_photo_id(self) -> int | None:
        return self._public_photo(lambda d: d.id)

    def _public_photo(self, column):
        from bench.database import PUBLIC_PHOTO
        from partnership.documents.models import Document

        return self.connection.scalar(
            select(func.min(column(Document))).where(
                Document.table_name == "event", Document.filename == PUBLIC_PHOTO
            )
        )

    def one_event_title(self) -> str:
        from partnership.events.models import Event

        return self.connection.scalar(select(Event.title).where(Event.id == 1))
