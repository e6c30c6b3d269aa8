"""Find the rows that still refer to a record, so deleting it never erases history silently."""

from sqlalchemy import func, select

from partnership.extensions import db

TABLE_LABELS = {
    "agreement": ("agreement", "agreements"),
    "agreement_party": ("agreement party", "agreement parties"),
    "city": ("city", "cities"),
    "contact": ("contact", "contacts"),
    "delegation": ("delegation", "delegations"),
    "delegation_member": ("delegation membership", "delegation memberships"),
    "event": ("event", "events"),
    "event_topic": ("event", "events"),
    "funding_grant": ("grant", "grants"),
    "grant_event": ("grant link", "grant links"),
    "organisation": ("organisation", "organisations"),
    "partnership": ("partnership", "partnerships"),
    "planned_exchange": ("planned exchange", "planned exchanges"),
    "programme": ("funding programme", "funding programmes"),
    "visit": ("visit", "visits"),
}


def blocking_references(obj) -> list[str]:
    """Explain every reference to `obj` that a delete would break.

    References declared ON DELETE CASCADE belong to the record itself (its other names, its
    topic tags, a subclass row) and go with it, so they do not block.
    """
    # A visit is stored in `visit` and `event`: references to either count.
    tables = set(obj.__mapper__.tables)
    reasons = []
    for other in db.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table not in tables or fk.ondelete == "CASCADE":
                continue
            column = fk.parent
            count = db.session.scalar(
                select(func.count()).select_from(other).where(column == obj.id)
            )
            if count:
                singular, plural = TABLE_LABELS.get(other.name, (other.name, other.name))
                field = column.name.removesuffix("_id").replace("_", " ")
                noun = singular if count == 1 else plural
                reasons.append(f"{count} {noun} refer{'s' if count == 1 else ''} to it as {field}.")
    return reasons
