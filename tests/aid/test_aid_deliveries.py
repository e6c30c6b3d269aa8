"""Aid deliveries: what was sent, from whom to whom, its value and who paid; an event like any."""

import csv
import io
from decimal import Decimal

import pytest
from pages.helpers import (
    create,
    make_city,
    make_funder,
    make_organisation,
    make_programme,
    page,
    show,
    submit,
)
from sqlalchemy import func, select

from partnership.aid.models import AidDelivery
from partnership.aid.services import AidValues, save_aid
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.home import events_per_city_and_year
from partnership.partners.models import Organisation, OrganisationKind
from partnership.records.values import Invalid


@pytest.fixture
def parties(app_ctx) -> tuple[int, int]:
    """A sending and a receiving organisation, ids."""
    sender = Organisation(name="Feuerwehr Dortmund", kind=OrganisationKind.CITY_DEPARTMENT)
    recipient = Organisation(name="Zhytomyr fire brigade", kind=OrganisationKind.CITY_DEPARTMENT)
    db.session.add_all([sender, recipient])
    db.session.commit()
    return sender.id, recipient.id


def refusal(**changes) -> dict[str, str]:
    values = AidValues(title="Fire engines", date=parse_fuzzy_date("2023"), goods="Two engines")
    for name, value in changes.items():
        setattr(values, name, value)
    with pytest.raises(Invalid) as refused:
        save_aid(AidDelivery(), values)
    db.session.rollback()
    return refused.value.errors


def test_service_names_each_wrong_field(parties):
    sender, recipient = parties
    assert set(refusal(value=Decimal("-1"), currency="EU", goods=" ")) == {
        "value",
        "currency",
        "goods",
    }
    assert "negative" in refusal(value=Decimal("-0.01"))["value"]
    assert "below" in refusal(value=Decimal("10000000000"))["value"]
    assert "number" in refusal(value=Decimal("NaN"))["value"]
    assert "three-letter" in refusal(currency="EURO")["currency"]
    assert "sender" in refusal(sender_id=sender, recipient_id=sender)["recipient_id"]
    assert (
        "no longer exists" in refusal(paid_by_programme_id=recipient + 999)["paid_by_programme_id"]
    )
    assert db.session.scalar(select(func.count()).select_from(AidDelivery)) == 0


def test_service_keeps_value_in_cents_and_currency_in_capitals(parties):
    sender, recipient = parties
    delivery = AidDelivery()
    values = AidValues(
        title="Generators",
        date=parse_fuzzy_date("Dec 2022"),
        goods="40 generators",
        sender_id=sender,
        recipient_id=recipient,
        value=Decimal("12500.5"),
        currency="uah",
    )
    save_aid(delivery, values)
    assert (delivery.value, delivery.currency) == (Decimal("12500.50"), "UAH")
    # No value at all is allowed: often nobody knows what donated goods were worth.
    save_aid(delivery, AidValues(**{**values.__dict__, "value": None}))
    assert delivery.value is None


def test_editor_records_a_delivery_and_everyone_reads_it(editor, viewer):
    city = make_city(editor, "Zhytomyr")
    sender = make_organisation(editor, "Feuerwehr Dortmund", kind="city department")
    recipient = make_organisation(editor, "Zhytomyr fire brigade", kind="city department")
    funder = make_funder(editor, "Federal Foreign Office")
    programme = make_programme(editor, funder, name="Direct aid for partner cities")
    delivery = create(
        editor,
        "aid",
        title="Fire engines for Zhytomyr",
        date="March 2023",
        partner_city_id=city,
        goods="Two fire engines\nand 300 m of hose",
        sender_id=sender,
        recipient_id=recipient,
        value="85000.50",
        currency="EUR",
        paid_by_programme_id=programme,
    )
    shown = show(viewer, "aid", delivery)
    assert "Two fire engines" in shown.text and "€85,000.50" in shown.text
    for link in (f"/organisations/{sender}", f"/organisations/{recipient}"):
        assert shown.links_to(link)
    assert shown.links_to(f"/programmes/{programme}") and shown.links_to(f"/cities/{city}")

    listing = page(viewer.get("/aid/"))
    assert listing.links_to(f"/aid/{delivery}")
    assert "Feuerwehr Dortmund → Zhytomyr fire brigade" in listing.text

    # On the timeline, the city's page and in the chart, as an event of its own kind.
    timeline = page(viewer.get("/timeline/", query_string={"kind": "aid delivery"}))
    assert timeline.links_to(f"/aid/{delivery}")
    assert page(viewer.get(f"/cities/{city}")).links_to(f"/aid/{delivery}")
    with viewer.application.test_request_context():
        chart = events_per_city_and_year()
    assert ("Zhytomyr", {2023: 1}) in chart.rows


def test_bad_values_are_refused_next_to_their_fields_and_nothing_is_saved(editor, app):
    sender = make_organisation(editor, "Feuerwehr Dortmund", kind="city department")
    response = submit(
        editor,
        "/aid/new",
        {
            "title": "Generators",
            "date": "2022",
            "goods": "40 generators",
            "sender_id": sender,
            "recipient_id": sender,
            "value": "-5",
            "currency": "E1",
        },
    )
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("value", "cannot be negative")
    shown.assert_error("currency", "three-letter")
    assert shown.field("goods").text.strip() == "40 generators"
    same = {"title": "Generators", "date": "2022", "goods": "x", "sender_id": sender}
    response = submit(editor, "/aid/new", {**same, "recipient_id": sender, "value": "10"})
    assert response.status_code == 422
    page(response).assert_error("recipient_id", "cannot be the sender")
    response = submit(editor, "/aid/new", {**same, "value": "NaN"})
    assert response.status_code == 422
    page(response).assert_error("value", "as a number")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AidDelivery)) == 0


def test_semicolon_download_writes_the_value_with_a_decimal_comma(editor, viewer):
    create(editor, "aid", title="School kitchen", date="2024", goods="A kitchen", value="1234.5")
    for delimiter, expected in ((";", "1234,50"), (",", "1234.50")):
        response = viewer.get("/aid/export.csv", query_string={"delimiter": delimiter})
        text = response.get_data(as_text=True).removeprefix("\ufeff")
        (row,) = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        assert (row["Title"], row["Value"], row["Currency"]) == ("School kitchen", expected, "EUR")
