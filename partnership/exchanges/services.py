"""Write planned exchanges from plain values."""

from dataclasses import dataclass

from flask_babel import gettext as _

from partnership.agreements.models import Agreement
from partnership.events.services import (
    EventValues,
    check_event_fields,
    enum_member,
    gone,
    read_event,
    write_event_fields,
)
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.records.values import Invalid, existing
from partnership.visits.models import Direction, Visit

PARTICIPANTS_RANGE = range(1, 100_001)


@dataclass(kw_only=True)
class ExchangeValues(EventValues):
    exchange_kind: ExchangeKind = ExchangeKind.OTHER
    direction: Direction | None = None
    expected_participants: int | None = None
    status: ExchangeStatus = ExchangeStatus.PLANNED
    origin_agreement_id: int | None = None
    realised_visit_id: int | None = None


def read_exchange(exchange: PlannedExchange) -> ExchangeValues:
    return read_event(ExchangeValues, exchange)


def status_of(status: ExchangeStatus, realised_as) -> ExchangeStatus:
    """An exchange that took place as a visit (`realised_as`, the visit or its id) is realised,
    whatever its status said."""
    return ExchangeStatus.REALISED if realised_as is not None else ExchangeStatus(status)


def save_exchange(exchange: PlannedExchange, values: ExchangeValues) -> None:
    errors = check_event_fields(values)
    kind = enum_member(
        ExchangeKind, values.exchange_kind or ExchangeKind.OTHER, "exchange_kind", errors
    )
    direction = enum_member(Direction, values.direction, "direction", errors)
    if values.direction is None:
        errors["direction"] = _("Choose incoming or outgoing.")
    status = enum_member(ExchangeStatus, values.status or ExchangeStatus.PLANNED, "status", errors)
    participants = values.expected_participants
    if participants is not None and participants not in PARTICIPANTS_RANGE:
        errors["expected_participants"] = _(
            "Enter a number from %(low)d to %(high)d.",
            low=PARTICIPANTS_RANGE[0],
            high=PARTICIPANTS_RANGE[-1],
        )
    if errors:
        raise Invalid(errors)
    existing(Agreement, values.origin_agreement_id, "origin_agreement_id", gone())
    existing(Visit, values.realised_visit_id, "realised_visit_id", gone())
    write_event_fields(exchange, values)
    exchange.exchange_kind = kind
    exchange.direction = direction
    exchange.expected_participants = participants
    exchange.origin_agreement_id = values.origin_agreement_id
    exchange.realised_visit_id = values.realised_visit_id
    exchange.status = status_of(status, values.realised_visit_id)


def cancel_exchange(exchange: PlannedExchange) -> None:
    """Note that the exchange will not take place; one that took place as a visit stays so."""
    if exchange.realised_visit_id is not None:
        raise Invalid(
            {"status": _("It took place as a visit; edit the exchange to change that first.")}
        )
    values = read_exchange(exchange)
    values.status = ExchangeStatus.CANCELLED
    save_exchange(exchange, values)


def realise_exchange(exchange: PlannedExchange, visit: Visit) -> None:
    """Note that the exchange took place as `visit` (flushed, so it has its id)."""
    values = read_exchange(exchange)
    values.realised_visit_id = visit.id
    save_exchange(exchange, values)
