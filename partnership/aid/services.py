"""Write aid deliveries from plain values: what was sent, from whom to whom, its value, who paid."""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _

from partnership.aid.models import AidDelivery
from partnership.events.services import (
    EventValues,
    check_event_fields,
    gone,
    read_event,
    too_long,
    write_event_fields,
)
from partnership.funding.models import Programme
from partnership.funding.services import currency_code
from partnership.partners.models import Organisation
from partnership.records.values import Invalid, existing

GOODS_LENGTH = 2000
# The column holds 12 digits, 2 after the point: anything larger would fail in the database.
VALUE_LIMIT = Decimal("10000000000")
CENT = Decimal("0.01")


@dataclass(kw_only=True)
class AidValues(EventValues):
    goods: str = ""
    sender_id: int | None = None
    recipient_id: int | None = None
    value: Decimal | None = None
    currency: str = "EUR"
    paid_by_programme_id: int | None = None
    paid_by_id: int | None = None


def read_aid(delivery: AidDelivery) -> AidValues:
    return read_event(AidValues, delivery)


def check_value(value: Decimal | None, errors: dict[str, str]) -> Decimal | None:
    """Return the value in cents, or note in `errors` why it cannot be stored."""
    if value is None:
        return None
    if not value.is_finite():
        errors["value"] = _("Enter the value as a number, e.g. 12500.00.")
    elif value < 0:
        errors["value"] = _("The value cannot be negative.")
    elif value.quantize(CENT) >= VALUE_LIMIT:
        errors["value"] = _("Enter a value below 10,000,000,000.")
    else:
        return value.quantize(CENT)
    return None


def save_aid(delivery: AidDelivery, values: AidValues) -> None:
    """Check `values` and write them onto `delivery`; raise Invalid naming each wrong field."""
    errors = check_event_fields(values)
    goods = (values.goods or "").strip()
    if not goods:
        errors["goods"] = _("Say what was sent, e.g. two fire engines.")
    elif len(goods) > GOODS_LENGTH:
        errors["goods"] = too_long(GOODS_LENGTH)
    value = check_value(values.value, errors)
    currency = currency_code(values.currency)
    if currency is None:
        errors["currency"] = _("Enter a three-letter currency code, e.g. EUR.")
    sender, recipient = values.sender_id, values.recipient_id
    if sender is not None and sender == recipient:
        errors["recipient_id"] = _("The recipient cannot be the sender; choose another.")
    if errors:
        raise Invalid(errors)
    for field_name, model in (
        ("sender_id", Organisation),
        ("recipient_id", Organisation),
        ("paid_by_programme_id", Programme),
        ("paid_by_id", Organisation),
    ):
        existing(model, getattr(values, field_name), field_name, gone())
    write_event_fields(delivery, values)
    delivery.goods = goods
    delivery.sender_id = sender
    delivery.recipient_id = recipient
    delivery.value = value
    delivery.currency = currency
    delivery.paid_by_programme_id = values.paid_by_programme_id
    delivery.paid_by_id = values.paid_by_id
