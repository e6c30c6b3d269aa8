"""The kinds of record a spreadsheet can bring in: every description with an `importer`."""

from partnership.records.entity import Entity, entities, entity_named


def importables() -> dict[str, Entity]:
    """Return the importable kinds by name, in the order they were described."""
    return {entity.name: entity for entity in entities() if entity.importer is not None}


def importable(name: str) -> Entity | None:
    """Return the importable kind called `name`, or None."""
    entity = entity_named(name)
    return entity if entity is not None and entity.importer is not None else None
