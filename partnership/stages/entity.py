"""Stages of partnerships, described once for every shared feature."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import aliased

from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.labels import describe_values, label
from partnership.partners.models import City
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import choice, field, fuzzy_date, live, named, names_of
from partnership.stages import queries, services
from partnership.stages.models import PartnershipStage, StageKind

describe_values(
    StageKind,
    {
        "founded": _l("founded"),
        "signed": _l("signed"),
        "upgraded": _l("upgraded"),
        "suspended": _l("suspended"),
        "resumed": _l("resumed"),
        "ended": _l("ended"),
    },
)


def _partnership_name(partnership):
    """A partnership as it names itself: 'Dortmund – Zhytomyr'."""
    home, partner = aliased(City), aliased(City)

    def name(city, key):
        return select(city.name).where(city.id == key, *live(city)).scalar_subquery()

    return name(home, partnership.home_city_id) + " – " + name(partner, partnership.partner_city_id)


STAGE = register(
    Entity(
        name="stages",
        model=PartnershipStage,
        singular=_l("Partnership stage"),
        plural=_l("Partnership stages"),
        fields={
            **EVENT_FIELDS,
            "partnership_id": _l("Partnership"),
            "stage": _l("Stage"),
            "partnership_kind": _l("Kind from then on"),
            "decision": _l("Decision or document"),
            "agreement_id": _l("Agreement"),
        },
        list_query=queries.stage_list,
        columns=(
            *EVENT_COLUMNS,
            ListColumn(_l("Stage"), lambda s: label(s.stage)),
            ListColumn(_l("Kind from then on"), lambda s: label(s.partnership_kind)),
        ),
        values=services.StageValues,
        save=services.save_stage,
        read=services.read_stage,
        referred=lambda n, **f: ngettext(
            "%(num)d partnership stage refers to it as %(field)s.",
            "%(num)d partnership stages refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("record", 45),
        search_hint=_l("title, summary or partner city"),
        # Found through the events of the header search.
        search_detail=None,
        csv_columns=(
            ("Title", field("title")),
            ("Date", fuzzy_date()),
            ("Partnership", named("partnership", _partnership_name)),
            ("Stage", choice("stage")),
            ("Kind from then on", choice("partnership_kind")),
            ("Decision or document", field("decision")),
            ("Agreement", named("agreement", lambda agreement: agreement.title)),
            ("Partner city", named("partner_city")),
            ("Summary", field("summary")),
            ("Topics", names_of("topics", ", ")),
            ("Notes", field("notes")),
        ),
    )
)
