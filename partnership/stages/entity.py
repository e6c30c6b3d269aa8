"""Stages of partnerships, described once for every shared feature."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.labels import describe_values, label
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import day_or_fuzzy, name_of, topic_names
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


def _kind_value(stage: PartnershipStage) -> str:
    return stage.partnership_kind.value if stage.partnership_kind else ""


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
            ("Title", lambda s: s.title),
            ("Date", day_or_fuzzy),
            ("Partnership", lambda s: name_of(s.partnership)),
            ("Stage", lambda s: s.stage.value),
            ("Kind from then on", _kind_value),
            ("Decision or document", lambda s: s.decision),
            ("Agreement", lambda s: name_of(s.agreement)),
            ("Partner city", lambda s: name_of(s.partner_city)),
            ("Summary", lambda s: s.summary),
            ("Topics", topic_names),
            ("Notes", lambda s: s.notes),
        ),
        csv_load_options=(selectinload(PartnershipStage.agreement),),
    )
)
