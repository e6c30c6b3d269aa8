"""Aid deliveries, described once for every shared feature.

A delivery is an event (on the timeline, the city page and in the chart like any other kind);
its value and payer also put it in the funding reports (see `partnership/reports/aid.py`).
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from partnership.aid import queries, services
from partnership.aid.models import AidDelivery
from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.formatting import format_amount
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import amount, field, fuzzy_date, named, names_of


def route(delivery: AidDelivery) -> str:
    """Name sender and recipient as 'sender → recipient', leaving out what is not known."""
    return " → ".join(str(org) for org in (delivery.sender, delivery.recipient) if org)


def payer(delivery: AidDelivery) -> str:
    return " · ".join(str(p) for p in (delivery.paid_by_programme, delivery.paid_by) if p)


AID = register(
    Entity(
        name="aid",
        model=AidDelivery,
        singular=_l("Aid delivery"),
        plural=_l("Aid deliveries"),
        fields={
            **EVENT_FIELDS,
            "goods": _l("What was sent"),
            "sender_id": _l("Sent by"),
            "recipient_id": _l("Received by"),
            "value": _l("Value"),
            "currency": _l("Currency"),
            "paid_by_programme_id": _l("Paid by the programme"),
            "paid_by_id": _l("Paid by the organisation"),
        },
        list_query=queries.aid_list,
        columns=(
            *EVENT_COLUMNS,
            ListColumn(_l("From → to"), route),
            ListColumn(_l("Value"), lambda d: format_amount(d.value, d.currency)),
            ListColumn(_l("Paid by"), payer),
        ),
        values=services.AidValues,
        save=services.save_aid,
        read=services.read_aid,
        referred=lambda n, **f: ngettext(
            "%(num)d aid delivery refers to it as %(field)s.",
            "%(num)d aid deliveries refer to it as %(field)s.",
            n,
            **f,
        ),
        # Recorded like the other events; its funding side is in the funding reports.
        nav=NavPlace("record", 35),
        search_hint=_l("title, summary, what was sent or partner city"),
        # Found through the events of the header search.
        search_detail=None,
        csv_columns=(
            ("Title", field("title")),
            ("Date", fuzzy_date()),
            ("What was sent", field("goods")),
            ("Sent by", named("sender")),
            ("Received by", named("recipient")),
            ("Value", amount("value")),
            ("Currency", field("currency")),
            ("Paid by programme", named("paid_by_programme")),
            ("Paid by", named("paid_by")),
            ("Partner city", named("partner_city")),
            ("Summary", field("summary")),
            ("Topics", names_of("topics", ", ")),
            ("Notes", field("notes")),
        ),
    )
)
