"""The records a benchmark opens: the busiest of each kind, found from the data at hand."""

from flask import Flask
from sqlalchemy import Connection, func, select

from partnership.extensions import db
from partnership.records.entity import Entity, entities, entity_named


class Busy:
    """Answers "which record?" for one database: the one most other rows refer to."""

    def __init__(self, app: Flask, connection: Connection):
        self.app, self.connection = app, connection
        self._ids: dict[str, int | None] = {}

    def count(self, table: str) -> int:
        return self.connection.scalar(select(func.count()).select_from(db.metadata.tables[table]))

    def id_of(self, table_name: str) -> int | None:
        """The id of the row of `table_name` with most rows referring to it (by any one
        foreign key, its parent tables' included); the first row when nothing refers to it."""
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
        best, best_count = None, 0
        for table in tables.values():
            for column in table.c:
                if column.primary_key and column.name == "id":
                    continue  # a subclass's own row, not a reference
                if not any(fk.column.table.name in targets for fk in column.foreign_keys):
                    continue
                row = self.connection.execute(
                    select(column, func.count().label("n"))
                    .join_from(table, joined, joined.c.id == column)
                    .group_by(column)
                    .order_by(func.count().desc(), column)
                    .limit(1)
                ).first()
                if row is not None and row.n > best_count:
                    best, best_count = row[0], row.n
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

    def one_row_term(self, entity: Entity) -> str | None:
        """A search text that leaves one (or very few) rows in `entity`'s list."""
        with self.app.test_request_context():
            try:
                for record in db.session.scalars(entity.list_query("").limit(5)):
                    # What the list shows as the row's link, else its name or title.
                    for term in (str(record), getattr(record, "name", None),
                                 getattr(record, "title", None)):  # fmt: skip
                        if not isinstance(term, str) or not term:
                            continue
                        shown = db.session.scalar(
                            select(func.count()).select_from(entity.list_query(term).subquery())
                        )
                        if 0 < shown <= 3:
                            return term
            finally:
                db.session.remove()
        return None

    def partner_event_id(self) -> int | None:
        """The busiest event of the partner user's partnership (its partner city's events)."""
        from bench.database import PARTNER_LOGIN
        from partnership.auth.models import User
        from partnership.events.models import Event
        from partnership.partners.models import Partnership

        city = self.connection.scalar(
            select(Partnership.partner_city_id)
            .join(User, User.partnership_id == Partnership.id)
            .where(User.email == PARTNER_LOGIN[0])
        )
        busiest = self.id_of("event")
        owned = select(Event.partner_city_id).where(Event.id == busiest)
        if self.connection.scalar(owned) == city:
            return busiest
        return self.connection.scalar(
            select(func.min(Event.id)).where(Event.partner_city_id == city)
        )

    def one_event_title(self) -> str:
        from partnership.events.models import Event

        return self.connection.scalar(select(Event.title).where(Event.id == 1))
