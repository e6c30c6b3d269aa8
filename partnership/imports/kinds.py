"""The kinds of record a spreadsheet can bring in: every description with an `importer`."""

from partnership.records.entity import Entity, entities, entity_named


def importables() -> dict[str, Entity]:
    """Return the importable kinds by name, in the order they were described."""
    found = {entity.name: entity for entity in entities() if entity.importer is not None}
    # Areas whose description has no importer yet still import through their old schema.
    from partnership.imports.schemas import SCHEMAS

    return found | {name: schema for name, schema in SCHEMAS.items() if name not in found}


def importable(name: str) -> Entity | None:
    """Return the importable kind called `name`, or None."""
    entity = entity_named(name)
    if entity is not None and entity.importer is not None:
        return entity
    return importables().get(name)
