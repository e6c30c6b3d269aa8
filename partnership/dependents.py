"""Find the rows that still refer to a record, so deleting it never erases history silently."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from partnership.extensions import db

# One sentence per table, so that each language inflects noun and verb for the number.
REFERENCES = {
    "agreement": lambda n, **f: ngettext(
        "%(num)d agreement refers to it as %(field)s.",
        "%(num)d agreements refer to it as %(field)s.",
        n,
        **f,
    ),
    "agreement_party": lambda n, **f: ngettext(
        "%(num)d agreement party refers to it as %(field)s.",
        "%(num)d agreement parties refer to it as %(field)s.",
        n,
        **f,
    ),
    "city": lambda n, **f: ngettext(
        "%(num)d city refers to it as %(field)s.",
        "%(num)d cities refer to it as %(field)s.",
        n,
        **f,
    ),
    "contact": lambda n, **f: ngettext(
        "%(num)d contact refers to it as %(field)s.",
        "%(num)d contacts refer to it as %(field)s.",
        n,
        **f,
    ),
    "cost_item": lambda n, **f: ngettext(
        "%(num)d receipt refers to it as %(field)s.",
        "%(num)d receipts refer to it as %(field)s.",
        n,
        **f,
    ),
    "delegation": lambda n, **f: ngettext(
        "%(num)d delegation refers to it as %(field)s.",
        "%(num)d delegations refer to it as %(field)s.",
        n,
        **f,
    ),
    "delegation_member": lambda n, **f: ngettext(
        "%(num)d delegation membership refers to it as %(field)s.",
        "%(num)d delegation memberships refer to it as %(field)s.",
        n,
        **f,
    ),
    "event": lambda n, **f: ngettext(
        "%(num)d event refers to it as %(field)s.",
        "%(num)d events refer to it as %(field)s.",
        n,
        **f,
    ),
    "funding_grant": lambda n, **f: ngettext(
        "%(num)d grant refers to it as %(field)s.",
        "%(num)d grants refer to it as %(field)s.",
        n,
        **f,
    ),
    "grant_event": lambda n, **f: ngettext(
        "%(num)d grant link refers to it as %(field)s.",
        "%(num)d grant links refer to it as %(field)s.",
        n,
        **f,
    ),
    "organisation": lambda n, **f: ngettext(
        "%(num)d organisation refers to it as %(field)s.",
        "%(num)d organisations refer to it as %(field)s.",
        n,
        **f,
    ),
    "participant": lambda n, **f: ngettext(
        "%(num)d participant refers to it as %(field)s.",
        "%(num)d participants refer to it as %(field)s.",
        n,
        **f,
    ),
    "partnership": lambda n, **f: ngettext(
        "%(num)d partnership refers to it as %(field)s.",
        "%(num)d partnerships refer to it as %(field)s.",
        n,
        **f,
    ),
    "planned_exchange": lambda n, **f: ngettext(
        "%(num)d planned exchange refers to it as %(field)s.",
        "%(num)d planned exchanges refer to it as %(field)s.",
        n,
        **f,
    ),
    "programme": lambda n, **f: ngettext(
        "%(num)d funding programme refers to it as %(field)s.",
        "%(num)d funding programmes refer to it as %(field)s.",
        n,
        **f,
    ),
    "visit": lambda n, **f: ngettext(
        "%(num)d visit refers to it as %(field)s.",
        "%(num)d visits refer to it as %(field)s.",
        n,
        **f,
    ),
}
REFERENCES["event_topic"] = REFERENCES["event"]

# What the referring column means, by its name.
FIELD_LABELS = {
    "agreement_id": _l("agreement"),
    "budget_line_id": _l("budget line"),
    "city_id": _l("city"),
    "contact_id": _l("contact"),
    "coordinator_id": _l("coordinator"),
    "delegation_id": _l("delegation"),
    "event_id": _l("event"),
    "funder_id": _l("funder"),
    "head_id": _l("head"),
    "home_city_id": _l("home city"),
    "host_city_id": _l("host city"),
    "organisation_id": _l("organisation"),
    "origin_agreement_id": _l("origin agreement"),
    "origin_city_id": _l("origin city"),
    "origin_organisation_id": _l("origin organisation"),
    "partner_city_id": _l("partner city"),
    "programme_id": _l("programme"),
    "realised_visit_id": _l("realised visit"),
    "signed_during_id": _l("signed during"),
    "topic_id": _l("topic"),
    "visit_id": _l("visit"),
}


def _other_table(n: int, table: str, field: str) -> str:
    return ngettext(
        "%(num)d record in %(table)s refers to it as %(field)s.",
        "%(num)d records in %(table)s refer to it as %(field)s.",
        n,
        table=table,
        field=field,
    )


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
            count = _count_live_references(other, column, obj.id)
            if count:
                reasons.append(_explain(other.name, column.name, count))
    return reasons


def _explain(table: str, column: str, count: int) -> str:
    """Say how many rows of `table` refer to the record, and through which field."""
    field = str(FIELD_LABELS.get(column, column.removesuffix("_id").replace("_", " ")))
    if sentence := REFERENCES.get(table):
        return sentence(count, field=field)
    return _other_table(count, table, field)


def _count_live_references(table, column, record_id: int) -> int:
    """Count the rows of `table` pointing at the record; archived rows do not count."""
    # Counting through the mapped class lets the archive filter apply (see archive.py).
    model = next((m.class_ for m in db.Model.registry.mappers if m.local_table is table), None)
    query = select(func.count()).select_from(model if model is not None else table)
    return db.session.scalar(query.where(column == record_id))
