"""The import part of an entity's description, and the header names several kinds share.

An entity's `importer` lists its columns in the order downloads and templates write them.
Headers are matched in English or German and without regard to case, spaces or hyphens;
values of a choice column may be typed with the English value or a usual German word.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from partnership.imports import matching
from partnership.imports.columns import Column

# Other names of columns that several kinds of record have.
TITLE = ("Titel", "Bezeichnung", "Name")
CITY = ("Stadt", "Ort", "Town")
PARTNER_CITY = ("Partnerstadt", "Partner")
SUMMARY = ("Zusammenfassung", "Kurzbeschreibung", "Beschreibung", "Description")
TOPICS = ("Themen", "Thema", "Topic", "Schwerpunkte")
NOTES = ("Notizen", "Bemerkungen", "Bemerkung", "Anmerkungen", "Kommentar", "Comments", "Note")
NOTES_LENGTH = 10_000


@dataclass(frozen=True)
class ImportSpec:
    """What an import of one kind of record reads (`entity.importer`): its columns, each named
    after a field of the entity's values, how it finds existing records, and its own rules."""

    columns: tuple[Column, ...]
    index: type[matching.Index]
    load_options: tuple = ()
    finish: Callable[[dict], None] = field(default=lambda values: None)

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]
