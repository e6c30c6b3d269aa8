"""Write the stages of a partnership, and keep its kind, status and start date following them.

A partnership's kind and status are what its latest stage made them; `follow_stages` is the one
place that says so. Saving a stage calls it; archiving or restoring a stage anywhere (the delete
page, the archive) calls it through the flush listener at the end of this module.
"""

from dataclasses import dataclass, replace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from partnership.agreements.models import Agreement
from partnership.archive import INCLUDE_ARCHIVED
from partnership.events.services import (
    EventValues,
    check_event_fields,
    enum_member,
    gone,
    read_event,
    too_long,
    write_event_fields,
)
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.partners.models import Partnership, PartnershipKind, PartnershipStatus
from partnership.records.values import Invalid, existing
from partnership.stages.models import PartnershipStage, StageKind

DECISION_LENGTH = 500

STATUS_AFTER = {
    StageKind.FOUNDED: PartnershipStatus.ACTIVE,
    StageKind.SIGNED: PartnershipStatus.ACTIVE,
    StageKind.UPGRADED: PartnershipStatus.ACTIVE,
    StageKind.RESUMED: PartnershipStatus.ACTIVE,
    StageKind.SUSPENDED: PartnershipStatus.SUSPENDED,
    StageKind.ENDED: PartnershipStatus.ENDED,
}
# The stages a partnership's start ("since") is the date of.
STARTS = (StageKind.FOUNDED, StageKind.SIGNED)
# A partnership resumes after one of these: a suspension, or an end it came back from.
INTERRUPTIONS = (StageKind.SUSPENDED, StageKind.ENDED)

# How a title names the partnership: at its start ("Twinning signed") and after "to".
KIND_AS_SUBJECT = {
    None: _l("Partnership"),
    PartnershipKind.TWINNING: _l("Twinning"),
    PartnershipKind.FRIENDSHIP: _l("Friendship"),
    PartnershipKind.PROJECT: _l("Project partnership"),
    PartnershipKind.SOLIDARITY: _l("Solidarity partnership"),
}
KIND_AFTER_TO = {
    None: _l("another kind of partnership"),
    PartnershipKind.TWINNING: _l("twinning"),
    PartnershipKind.FRIENDSHIP: _l("friendship"),
    PartnershipKind.PROJECT: _l("project partnership"),
    PartnershipKind.SOLIDARITY: _l("solidarity partnership"),
}
TITLES = {
    StageKind.FOUNDED: _l("%(kind)s founded"),
    StageKind.SIGNED: _l("%(kind)s signed"),
    StageKind.SUSPENDED: _l("%(kind)s suspended"),
    StageKind.RESUMED: _l("%(kind)s resumed"),
    StageKind.ENDED: _l("%(kind)s ended"),
}


@dataclass(kw_only=True)
class StageValues(EventValues):
    # Left empty, the title is written from the stage (`default_title`).
    title: str = ""
    partnership_id: int | None = None
    stage: StageKind = StageKind.FOUNDED
    # The kind from this stage on; None where the stage does not change it.
    partnership_kind: PartnershipKind | None = None
    decision: str = ""
    agreement_id: int | None = None


def read_stage(stage: PartnershipStage) -> StageValues:
    return read_event(StageValues, stage)


def default_title(stage: StageKind, kind: PartnershipKind | None) -> str:
    """Name a stage as the office would: 'Twinning signed', 'Upgraded to twinning'."""
    if stage is StageKind.UPGRADED:
        return _("Upgraded to %(kind)s", kind=KIND_AFTER_TO[kind])
    return str(TITLES[stage]) % {"kind": KIND_AS_SUBJECT[kind]}


def save_stage(stage: PartnershipStage, values: StageValues) -> None:
    """Write a stage from `values`; its partnership's kind, status and start follow."""
    errors = {}
    kind = enum_member(StageKind, values.stage, "stage", errors)
    new_kind = None
    if values.partnership_kind:
        new_kind = enum_member(PartnershipKind, values.partnership_kind, "partnership_kind", errors)
    if kind is StageKind.UPGRADED and new_kind is None and "partnership_kind" not in errors:
        errors["partnership_kind"] = _("Say what kind of partnership it became.")
    if values.partnership_id is None:
        errors["partnership_id"] = _("Choose the partnership.")
    decision = (values.decision or "").strip()
    if len(decision) > DECISION_LENGTH:
        errors["decision"] = too_long(DECISION_LENGTH)
    title = (values.title or "").strip()
    if not title and kind is not None:
        title = default_title(kind, new_kind)
    event_errors = check_event_fields(replace(values, title=title))
    if kind is None and not title:
        # The stage's own message says what to fix; the title follows from it.
        event_errors.pop("title", None)
    errors = {**event_errors, **errors}
    if errors:
        raise Invalid(errors)
    partnership = existing(Partnership, values.partnership_id, "partnership_id", gone())
    existing(Agreement, values.agreement_id, "agreement_id", gone())
    if kind is StageKind.RESUMED:
        check_resumption(partnership, stage, values.date)

    # Where the stage was and what start the stages gave, before it changes.
    left = None
    if stage.partnership_id is not None and stage.partnership_id != partnership.id:
        left = db.session.get(Partnership, stage.partnership_id)
    left_start = start_of(live_stages(left)) if left is not None else None
    start_before = start_of(live_stages(partnership))
    # The stage happens between the partnership's two cities: its partner city is the other.
    write_event_fields(
        stage, replace(values, title=title, partner_city_id=partnership.partner_city_id)
    )
    stage.partnership_id = partnership.id
    stage.stage = kind
    stage.partnership_kind = new_kind
    stage.decision = decision
    stage.agreement_id = values.agreement_id
    follow_stages(partnership, start_before, adding=stage)
    if left is not None:
        follow_stages(left, left_start)


def check_resumption(
    partnership: Partnership, stage: PartnershipStage, when: FuzzyDate | None
) -> None:
    """Refuse a resumption that follows no suspension (or end) of the partnership."""
    if when is None:
        return
    # A stage of the same date counts as before: entered first, it happened first.
    before = [
        other
        for other in live_stages(partnership)
        if other is not stage and (other.date_sort, other.date_precision) <= _sort_key(when)
    ]
    if not before or before[-1].stage not in INTERRUPTIONS:
        raise Invalid(
            {
                "stage": _(
                    "A partnership resumes only after it was suspended or ended: record that "
                    "stage first, or choose another stage."
                )
            }
        )


def _sort_key(when: FuzzyDate) -> tuple:
    return (when.sort_key, when.precision.value)


def _order(stage: PartnershipStage) -> tuple:
    # As the timeline orders events (events.queries.chronological); a stage not yet saved
    # comes after the saved ones of the same date.
    return (stage.date_sort, stage.date_precision, stage.id or float("inf"))


def live_stages(
    partnership: Partnership, adding: PartnershipStage | None = None, session=None
) -> list:
    """Return the partnership's stages as they stand in this session, in date order.

    Stages changed but not yet written count as changed (a stage just archived is left out,
    one moved to another partnership too); `adding` is a stage not in the session yet.
    """
    session = session or db.session
    stored = []
    if partnership.id is not None:
        # Inside a flush the session must not flush again; archived stages are read too, as
        # one being restored in this very flush is archived in the database still.
        with session.no_autoflush:
            stored = session.scalars(
                select(PartnershipStage)
                .where(PartnershipStage.partnership_id == partnership.id)
                .execution_options(**{INCLUDE_ARCHIVED: True})
            ).all()
    found = {*stored, *([adding] if adding is not None else [])}
    return sorted(
        (
            stage
            for stage in found
            if stage.partnership_id in (partnership.id, None)
            and stage.archived_at is None
            and stage.date_sort is not None
        ),
        key=_order,
    )


def start_of(stages: list[PartnershipStage]) -> FuzzyDate | None:
    """Return the date of the first founding or signing among `stages` (in date order)."""
    return next((stage.date for stage in sorted(stages, key=_order) if stage.stage in STARTS), None)


def follow_stages(
    partnership: Partnership,
    start_before: FuzzyDate | None = None,
    adding: PartnershipStage | None = None,
    session=None,
) -> None:
    """Set the partnership's status, kind and start from its stages, latest stage last.

    The status is what the latest stage made it; the kind is the one the latest stage naming a
    kind gave. The start date follows the first founding or signing when the partnership has
    none of its own, or has the one the stages gave before (`start_before`). A partnership
    without stages keeps what it has.
    """
    stages = live_stages(partnership, adding, session)
    for stage in stages:
        if stage.partner_city_id != partnership.partner_city_id:
            stage.partner_city_id = partnership.partner_city_id
    if not stages:
        return
    status = STATUS_AFTER[StageKind(stages[-1].stage)]
    if partnership.status != status:
        partnership.status = status
    kinds = [stage.partnership_kind for stage in stages if stage.partnership_kind]
    if kinds and partnership.kind != kinds[-1]:
        partnership.kind = PartnershipKind(kinds[-1])
    start = start_of(stages)
    own = partnership.date
    if start is not None and own != start and (own is None or own == start_before):
        partnership.date = start


@event.listens_for(Session, "before_flush")
def _follow_archived_or_restored(session: Session, _context, _instances) -> None:
    for stage in list(session.dirty):
        if not isinstance(stage, PartnershipStage) or stage.partnership_id is None:
            continue
        history = inspect(stage).attrs.archived_at.history
        if not history.has_changes():
            continue
        with session.no_autoflush:
            partnership = session.get(Partnership, stage.partnership_id)
        if partnership is None:
            continue
        now = live_stages(partnership, session=session)
        # Archived now, it counted before; restored now, it did not.
        if stage.archived_at is not None:
            before = [*now, stage]
        else:
            before = [other for other in now if other is not stage]
        follow_stages(partnership, start_of(before), session=session)
