"""The five tables of a funding report: their columns, in a fixed order, and their rows.

The column names are fixed English identifiers, documented in README.md, so spreadsheets and
scripts built on one report keep working on the next. Amounts are numbers, never text: a
refund of -120.00 must stay a number, not be mistaken for a formula and quoted away.
"""

from collections.abc import Callable, Iterator
from decimal import Decimal

from partnership.formatting import EVENT_KIND_LABELS, format_fuzzy
from partnership.funding.queries import budget_spending, count_by_country
from partnership.fuzzydate import FuzzyDate
from partnership.reports import selection as rows
from partnership.reports.aid import AID_COLUMNS, aid_rows
from partnership.reports.selection import FundingSelection

CENT = Decimal("0.01")
LIST_SEPARATOR = " | "

ACTIVITY_COLUMNS = [
    "activity id",
    "grant",
    "date",
    "start",
    "end",
    "kind",
    "title",
    "partner city",
    "direction",
    "place",
    "summary",
    "programme",
    "participants",
    "participants by country",
    "delegation size",
    "topics",
    "grant share %",
    "funded amount",
    "currency",
    "funding note",
    "evidence",
    "press articles",
    "related agreements",
]
COST_COLUMNS = [
    "activity id",
    "grant",
    "budget line",
    "date paid",
    "receipt number",
    "payee",
    "purpose",
    "amount",
    "currency",
    "grant share",
    "own share",
    "activity",
    "note",
]
BUDGET_COLUMNS = [
    "row",
    "grant",
    "budget line",
    "currency",
    "planned",
    "spent",
    "grant share",
    "own share",
    "remaining",
    "% used",
    "receipts",
]
PARTICIPANT_COLUMNS = [
    "activity id",
    "activity date",
    "activity",
    "name",
    "organisation",
    "city",
    "country",
    "role",
    "taking part as",
    "signed list",
]


class CommaDecimal(Decimal):
    """A number written with a decimal comma (1234,50), as German spreadsheets read it."""

    def __str__(self) -> str:
        return super().__str__().replace(".", ",")


Number = Callable[[Decimal | None], Decimal | None]


def number_writer(delimiter: str) -> Number:
    """Return how amounts are written: a decimal point with ',', a decimal comma with ';'.

    Spreadsheets set to German read ';'-separated files and expect 1234,50; set to English
    they read ','-separated files and expect 1234.50. Either way the cell is a number.
    """
    comma = delimiter == ";"

    def write(value):
        if value is None:
            return None
        value = Decimal(value).quantize(CENT)
        return CommaDecimal(value) if comma else value

    return write


def plain_number(value):
    """Return an amount as a Decimal for the page, which formats it per language."""
    return None if value is None else Decimal(value).quantize(CENT)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _date_columns(fuzzy: FuzzyDate | None) -> list[str]:
    if fuzzy is None:
        return ["", "", ""]
    return [format_fuzzy(fuzzy), fuzzy.start.isoformat(), fuzzy.end.isoformat()]


def country_counts(counts) -> str:
    """Write counts per country as 'UA 6, DE 2'; people without a country as 'unknown'."""
    return ", ".join(f"{code or 'unknown'} {count}" for code, count in counts)


def _place(event) -> str:
    if event.kind == "visit":
        return event.host_city.name if event.host_city else ""
    if event.kind == "milestone":
        return event.place
    if event.kind == "agreement" and event.signed_during and event.signed_during.host_city:
        return event.signed_during.host_city.name
    return ""


def _agreements(event) -> list[str]:
    if event.kind == "visit":
        return [agreement.title for agreement in event.agreements_signed]
    if event.kind == "exchange" and event.origin_agreement:
        return [event.origin_agreement.title]
    return []


def activity_rows(selection: FundingSelection, number: Number) -> Iterator[list]:
    """Yield one row per funded activity and grant, in the order of ACTIVITY_COLUMNS."""
    for link, grant, event in rows.funded_activities(selection):
        people = event.participants
        by_country = count_by_country(people)
        delegation = getattr(event, "delegation", None)
        direction = getattr(event, "direction", None)
        programme = getattr(event, "programme", [])
        yield [
            event.id,
            grant.reference,
            *_date_columns(event.date),
            str(EVENT_KIND_LABELS[event.kind]),
            event.title,
            event.partner_city.name if event.partner_city else "",
            direction.value if direction else "",
            _place(event),
            event.summary,
            LIST_SEPARATOR.join(item.description for item in programme),
            len(people),
            country_counts(by_country),
            delegation.known_size if delegation else None,
            ", ".join(topic.name for topic in event.topics),
            number(link.share_percent),
            number(link.amount),
            grant.currency,
            link.note,
            " ".join(article.url for article in event.press_articles if article.url),
            LIST_SEPARATOR.join(article.title for article in event.press_articles),
            LIST_SEPARATOR.join(_agreements(event)),
        ]


def cost_rows(selection: FundingSelection, number: Number) -> Iterator[list]:
    """Yield one row per receipt, in the order of COST_COLUMNS."""
    for (
        event_id,
        reference,
        budget_line,
        paid_on,
        receipt_number,
        payee,
        purpose,
        amount,
        currency,
        grant_share,
        title,
        note,
    ) in rows.receipts(selection):
        yield [
            event_id,
            reference,
            budget_line,
            paid_on.isoformat() if paid_on else "",
            receipt_number,
            payee,
            purpose,
            number(amount),
            currency,
            number(grant_share),
            number(amount - grant_share),
            title,
            note,
        ]


def participant_rows(selection: FundingSelection) -> Iterator[list]:
    """Yield one row per participant of a reported activity, in the order of PARTICIPANT_COLUMNS."""
    for row in rows.participants(selection):
        fuzzy = FuzzyDate.from_parts(
            row.date_start, row.date_end, row.date_precision, row.date_tentative
        )
        yield [
            row.event_id,
            format_fuzzy(fuzzy),
            row.title,
            row.name,
            row.organisation,
            row.city,
            row.country_code,
            row.role,
            str(row.origin),
            _yes_no(row.signed_list),
        ]


def budget_rows(selection: FundingSelection, number: Number) -> Iterator[list]:
    """Yield each budget line and each total, in the order of BUDGET_COLUMNS."""
    for item in budget_spending(selection.grants, selection.period):
        yield [
            "total" if item.is_total else "budget line",
            item.grant.reference,
            "" if item.is_total else item.line.name,
            item.currency,
            number(item.planned),
            number(item.spent),
            number(item.grant_share),
            number(item.own_share),
            number(item.remaining),
            number(item.percent_used),
            item.receipts,
        ]


def report_tables(selection: FundingSelection, delimiter: str) -> list[tuple[str, list, Iterator]]:
    """Return (file name, header, rows) of every table; rows are produced only when read."""
    number = number_writer(delimiter)
    return [
        ("activities.csv", ACTIVITY_COLUMNS, activity_rows(selection, number)),
        ("costs.csv", COST_COLUMNS, cost_rows(selection, number)),
        ("budget.csv", BUDGET_COLUMNS, budget_rows(selection, number)),
        ("participants.csv", PARTICIPANT_COLUMNS, participant_rows(selection)),
        ("aid.csv", AID_COLUMNS, aid_rows(selection, number)),
    ]
