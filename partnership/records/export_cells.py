"""How a list download writes common values: the same text a file import reads back."""

from decimal import Decimal


def name_of(record) -> str:
    return "" if record is None else str(record)


def yes_no(value) -> str:
    return "yes" if value else "no"


def iso_day(value) -> str:
    return value.isoformat() if value else ""


def day_or_fuzzy(record) -> str:
    """A record's fuzzy date in the English the importer reads ('June 2023', '24-29 Sep 2023')."""
    return record.date.format("en") if record.date else ""


def topic_names(event) -> str:
    return ", ".join(topic.name for topic in event.topics)


def plain_amount(value: Decimal | None) -> Decimal | None:
    """An amount in cents, kept a number: the download writes its decimal mark per separator."""
    return None if value is None else value.quantize(Decimal("0.01"))
