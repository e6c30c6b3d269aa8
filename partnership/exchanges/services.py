"""Write planned exchanges."""

from partnership.events.services import save_event_basics
from partnership.exchanges.models import ExchangeStatus, PlannedExchange


def save_exchange(exchange: PlannedExchange, form) -> None:
    save_event_basics(exchange, form)
    exchange.exchange_kind = form.exchange_kind.data
    exchange.direction = form.direction.data
    exchange.expected_participants = form.expected_participants.data
    exchange.origin_agreement_id = form.origin_agreement_id.data
    exchange.realised_visit_id = form.realised_visit_id.data
    # An exchange that took place as a visit is realised, whatever the status field said.
    exchange.status = ExchangeStatus.REALISED if exchange.realised_visit_id else form.status.data
