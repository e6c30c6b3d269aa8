"""The description of one kind of record, and the registry the areas add theirs to.

The registry imports no area: areas import it, so shared features reach every kind of record
without a package cycle.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import LazyString
from sqlalchemy import Select

# Labels are lazy strings (`lazy_gettext`), read in the language of each request.
Label = str | LazyString


@dataclass(frozen=True)
class ListColumn:
    """A column of the list page: its heading and what a record shows in it."""

    label: Label
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class NavPlace:
    """Where the list of this kind sits in the header's menus (see `navigation.py`)."""

    menu: str
    order: int


@dataclass(frozen=True)
class Entity:
    """Everything the shared features need to know about one kind of record.

    `name` is the area's blueprint name and URL prefix (`cities` → `/cities/`, `cities.detail`).
    `values` is the dataclass its service takes, `save(record, values)` that service, and
    `read(record)` the values a record holds now (to fill an edit form or an API answer).
    `fields` labels each value, for history, conflicts and error messages.
    `referred` says how many rows of this kind refer to another record (the delete check);
    it is called with the count and the referring field's label.
    """

    name: str
    model: type
    singular: Label
    plural: Label
    fields: Mapping[str, Label]
    # Records kept inside another (budget lines, members...) have no list page of their own.
    list_query: Callable[[str], Select] | None = None
    columns: tuple[ListColumn, ...] = ()
    values: type | None = None
    save: Callable[[Any, Any], None] | None = None
    read: Callable[[Any], Any] | None = None
    referred: Callable[..., str] | None = None
    nav: NavPlace | None = None
    search_hint: Label = ""
    # The records of the header search: a line under each hit, or None to leave it out.
    search_detail: Callable[[Any], str] | None = None
    # List downloads: (English header, partnership.exports.cells.Cell) pairs, each cell the SQL
    # it selects and how it writes it; an import's columns if importable.
    csv_columns: tuple[tuple[str, Any], ...] = ()
    importer: Any = None
    # Names people (contacts, members, coordinators): downloads of it are audited.
    personal: bool = False
    # Tables linking this kind to others (e.g. `event_topic`): a row there counts as this kind.
    link_tables: tuple[str, ...] = ()
    # Kinds entered twice by mistake (contacts...): the records likely the same as the values
    # of a new one; creating warns of them, and an editor can merge two (see merging/).
    duplicates: Callable[[Any], list] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def detail_endpoint(self) -> str:
        return f"{self.name}.detail"

    @property
    def index_endpoint(self) -> str:
        return f"{self.name}.index"

    def label_of(self, field_name: str) -> str:
        """Return a field's label, or a readable form of its name where none is given."""
        found = self.fields.get(field_name)
        if found is None:
            found = self.fields.get(field_name.removesuffix("_id"))
        return str(found) if found is not None else field_name.removesuffix("_id").replace("_", " ")


_ENTITIES: dict[str, Entity] = {}


def register(entity: Entity) -> Entity:
    """Add `entity` to the registry (once per name; a module imported twice changes nothing)."""
    _ENTITIES.setdefault(entity.name, entity)
    return _ENTITIES[entity.name]


def entities() -> Iterator[Entity]:
    return iter(_ENTITIES.values())


def entity_named(name: str) -> Entity | None:
    return _ENTITIES.get(name)


def entity_of(record_or_model) -> Entity | None:
    """Return the description of a record's kind (the most specific one for event kinds)."""
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    for klass in model.__mro__:
        for entity in _ENTITIES.values():
            if entity.model is klass:
                return entity
    return None


def entity_of_table(table_name: str) -> Entity | None:
    """Return the description whose model keeps its own columns in `table_name`."""
    for entity in _ENTITIES.values():
        if table_name in (entity.model.__table__.name, *entity.link_tables):
            return entity
    return None


def discover() -> list[Entity]:
    """Import every area's `entity.py` (a package of `partnership` that has one) and return the
    descriptions; the app does this by registering its blueprints, tools and tests call it."""
    import importlib.util
    import pkgutil

    import partnership

    for module in pkgutil.iter_modules(partnership.__path__):
        if module.ispkg and importlib.util.find_spec(f"partnership.{module.name}.entity"):
            importlib.import_module(f"partnership.{module.name}.entity")
    return list(_ENTITIES.values())


def with_pages() -> list[Entity]:
    """The kinds of record that have list, detail and form pages of their own."""
    return [entity for entity in discover() if entity.list_query is not None]
