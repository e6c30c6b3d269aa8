"""A list sends as many statements whatever its search word finds: contacts for a word in few
records or in many, found by their own text, their organisation's or their city's name, with
or without an organisation; agreements whose parties are cities only or organisations too.
And what is found stays the same whichever way the search goes."""

import re
from datetime import date

import pytest
from flask_babel import force_locale
from sql_counting import statements_sent as statements

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.labels import label
from partnership.partners.models import City, CityName, Organisation, OrganisationKind
from partnership.people import queries as people_queries
from partnership.people.models import Contact
from partnership.search import fulltext

# Few enough for the test's words to be "in many records" on SQLite (see fulltext.DENSE).
FEW = 4


@pytest.fixture
def people(app):
    """Seven contacts called Plenty, one called Seldom; an organisation and a city named so
    that a search for them lists their contacts. Every contact has a city: a page naming
    none reads no city's names in the reader's language (partners/display.py)."""
    with app.app_context():
        city = City(name="Quillmoor", country_code="DE", names=[CityName("Quillmoor")])
        home = City(name="Ostby", country_code="DE", names=[CityName("Ostby")])
        agency = Organisation(name="Wrenfield Agency", kind=OrganisationKind.NGO)
        gone = Organisation(name="Wrenfield Archive", kind=OrganisationKind.NGO)
        db.session.add_all([city, home, agency, gone])
        db.session.flush()
        gone.archived_at = date(2024, 1, 1)
        db.session.add_all(
            [Contact(name=f"Plenty Person {n}", organisation=agency, city=home) for n in range(7)]
            + [
                Contact(name="Seldom Seen", city=home),
                Contact(name="Orla Vance", city=city),
                Contact(name="Ida Kell", organisation=gone, city=home),
            ]
        )
        db.session.commit()


def few_are_many(monkeypatch) -> None:
    monkeypatch.setattr(fulltext, "DENSE", FEW)
    monkeypatch.setattr(people_queries, "DENSE", FEW, raising=False)


def names_listed(client, path: str) -> list[str]:
    html = client.get(path).get_data(as_text=True)
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]*)</a>', html)


def test_contacts_cost_as_many_statements_for_a_rare_word_as_for_a_common_one(
    app, editor, people, monkeypatch
):
    few_are_many(monkeypatch)
    sent = {
        word: statements(app, editor, f"/contacts/?q={word}")
        # In many contacts; in one without organisation; an organisation's name; a city's.
        for word in ("plenty", "seldom", "wrenfield", "quillmoor")
    }
    assert len(set(sent.values())) == 1, sent


def test_contacts_found_the_same_whether_a_word_is_rare_or_common(app, editor, people, monkeypatch):
    paths = ["/contacts/?q=plenty", "/contacts/?q=wrenfield", "/contacts/?q=quillmoor"]
    rare = {path: names_listed(editor, path) for path in paths}
    few_are_many(monkeypatch)
    common = {path: names_listed(editor, path) for path in paths}
    assert rare == common
    assert rare["/contacts/?q=plenty"] == [f"Plenty Person {n}" for n in range(7)]
    # The archived organisation lists nobody.
    assert rare["/contacts/?q=wrenfield"] == [f"Plenty Person {n}" for n in range(7)]
    assert rare["/contacts/?q=quillmoor"] == ["Orla Vance"]
    monkeypatch.setitem(app.config, "PAGE_SIZE", 5)  # two pages: the pager shows the count
    html = editor.get("/contacts/?q=plenty").get_data(as_text=True)
    assert "(7 in all)" in html  # the pager's count, whichever way it was read


def test_agreements_cost_as_many_statements_with_or_without_organisation_parties(app, editor):
    with app.app_context():
        city = City(name="Tarnholm", country_code="PL", names=[CityName("Tarnholm")])
        agency = Organisation(name="Harbour Board", kind=OrganisationKind.COMPANY)
        for title, party in (("Cityonly accord", {"city": city}), ("Withboard accord", {})):
            agreement = Agreement(title=title, agreement_kind=AgreementKind.CHARTER)
            agreement.date = parse_fuzzy_date("2024-05-01")
            agreement.parties = [AgreementParty(**party) if party else AgreementParty(city=city)]
            if not party:
                agreement.parties.append(AgreementParty(organisation=agency))
            db.session.add(agreement)
        db.session.commit()
    city_only = statements(app, editor, "/agreements/?q=cityonly")
    with_board = statements(app, editor, "/agreements/?q=withboard")
    assert city_only == with_board
    assert "Harbour Board" in editor.get("/agreements/?q=withboard").get_data(as_text=True)


def test_a_choice_reads_in_the_language_of_the_moment(app):
    with app.test_request_context(headers={"Accept-Language": "de"}):
        german = label(OrganisationKind.COMPANY)
        with force_locale("en"):
            english = label(OrganisationKind.COMPANY)
        assert label(OrganisationKind.COMPANY) == german
    assert (german, english) == ("Unternehmen", "company")


def test_aid_list_sends_as_many_statements_whether_deliveries_name_organisations(app, editor):
    from decimal import Decimal

    from partnership.aid.models import AidDelivery
    from partnership.funding.models import Programme

    with app.app_context():
        sender = Organisation(name="Fernwick Works", kind=OrganisationKind.COMPANY)
        receiver = Organisation(name="Lowmarsh Clinic", kind=OrganisationKind.NGO)
        programme = Programme(name="Bridging Fund", funder=receiver)
        db.session.add_all([sender, receiver, programme])
        for title, named in (("Bare crates", {}), ("Full crates", {"sender": sender})):
            delivery = AidDelivery(title=title, value=Decimal("10.00"), **named)
            if named:
                delivery.recipient, delivery.paid_by_programme = receiver, programme
                delivery.paid_by = sender
            delivery.date = parse_fuzzy_date("2024-03-01")
            db.session.add(delivery)
        db.session.commit()
    bare = statements(app, editor, "/aid/?q=bare")
    full = statements(app, editor, "/aid/?q=full")
    assert bare == full
    html = editor.get("/aid/?q=full").get_data(as_text=True)
    assert "Fernwick Works → Lowmarsh Clinic" in html
    assert "Bridging Fund · Fernwick Works" in html


def test_press_found_and_counted_the_same_whether_a_word_is_rare_or_common(
    app, editor, monkeypatch
):
    from partnership.press.models import PressArticle

    with app.app_context():
        articles = [PressArticle(title=f"Tidewater report {n}") for n in range(7)]
        articles.append(PressArticle(title="Tidewater archived"))
        db.session.add_all(articles)
        db.session.flush()
        articles[-1].archived_at = date(2024, 1, 1)
        db.session.commit()
    path = "/press/?q=tidewater"
    rare_sent, rare = statements(app, editor, path), names_listed(editor, path)
    few_are_many(monkeypatch)
    common_sent, common = statements(app, editor, path), names_listed(editor, path)
    assert rare_sent == common_sent
    assert sorted(rare) == sorted(common) == [f"Tidewater report {n}" for n in range(7)]
    monkeypatch.setitem(app.config, "PAGE_SIZE", 5)  # two pages: the pager shows the count
    html = editor.get(path).get_data(as_text=True)
    assert "(7 in all)" in html  # the pager's count, read through the index


def test_delegations_found_by_their_name_or_their_city_cost_as_many_statements(app, editor):
    from partnership.visits.models import Delegation

    with app.app_context():
        city = City(name="Brackenfold", country_code="UA", names=[CityName("Brackenfold")])
        other = City(name="Dunmarrow", country_code="UA", names=[CityName("Dunmarrow")])
        db.session.add_all(
            [
                city,
                Delegation(name="Saltmere delegation", notes="", origin_city=other),
                Delegation(name="Guests of spring", notes="", origin_city=city),
            ]
        )
        db.session.commit()
    by_name = statements(app, editor, "/delegations/?q=saltmere")
    by_city = statements(app, editor, "/delegations/?q=brackenfold")
    assert by_name == by_city
    assert names_listed(editor, "/delegations/?q=saltmere") == ["Saltmere delegation"]
    assert names_listed(editor, "/delegations/?q=brackenfold") == ["Guests of spring"]
