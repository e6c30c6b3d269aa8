"""Aid deliveries, described once for every shared feature.

A delivery is an event (on the timeline, the city page and in the chart like any other kind);
its value and payer also put it in the funding reports (see `partnership/reports/aid.py`).
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from partnership.aid import queries, services
from partnership.aid.models import AidDelivery
from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.formatting import format_amount
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import day_or_fuzzy, name_of, plain_amount, topic_names


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
            ("Title", lambda d: d.title),
            ("Date", day_or_fuzzy),
            ("What was sent", lambda d: d.goods),
            ("Sent by", lambda d: name_of(d.sender)),
            ("Received by", lambda d: name_of(d.recipient)),
            ("Value", lambda d: plain_amount(d.value)),
            ("Currency", lambda d: d.currency),
            ("Paid by programme", lambda d: name_of(d.paid_by_programme)),
            ("Paid by", lambda d: name_of(d.paid_by)),
            ("Partner city", lambda d: name_of(d.partner_city)),
            ("Summary", lambda d: d.summary),
            ("Topics", topic_names),
            ("Notes", lambda d: d.notes),
        ),
        csv_load_options=(
            selectinload(AidDelivery.sender),
            selectinload(AidDelivery.recipient),
            selectinload(AidDelivery.paid_by_programme),
            selectinload(AidDelivery.paid_by),
        ),
    )
)
