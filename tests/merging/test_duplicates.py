"""Likely duplicates: the same name once case, accents and script are folded; the same e-mail."""

from sqlalchemy import select

from partnership.extensions import db
from partnership.merging.duplicates import (
    latin,
    similar_cities,
    similar_contacts,
    similar_organisations,
)
from partnership.partners.models import City, Organisation
from partnership.partners.services import CityValues, OrganisationValues
from partnership.people.models import Contact
from partnership.people.services import ContactValues


def named(model, name):
    return db.session.scalars(select(model).where(model.name == name)).one()


def test_ukrainian_names_are_written_as_passports_write_them():
    assert latin("Світлана Ольшанська") == "svitlana olshanska"
    assert latin("Житомир") == "zhytomyr"
    assert latin("Юрій Євген") == "yurii yevhen"


def test_a_contact_is_found_by_its_folded_name_in_either_script_and_by_its_email(app_ctx, demo):
    svitlana = named(Contact, "Svitlana Olshanska")
    for typed in ("svitlana olshanska", "SVITLANA  OLSHANSKA", "Svítlana Olshanska"):
        assert similar_contacts(ContactValues(name=typed)) == [svitlana], typed
    assert similar_contacts(ContactValues(name="Світлана Ольшанська")) == [svitlana]
    # A longer name that only starts like it, or a first name alone, is someone else.
    assert similar_contacts(ContactValues(name="Svitlana")) == []
    assert similar_contacts(ContactValues(name="Svitlana Olshanska-Koval")) == []

    svitlana.email = "S.Olshanska@Zhytomyr.example"
    db.session.flush()
    found = similar_contacts(
        ContactValues(name="Someone Else", email="s.olshanska@zhytomyr.example")
    )
    assert found == [svitlana]


def test_an_organisation_is_found_by_its_folded_name(app_ctx, demo):
    office = named(Organisation, "Wirtschaftsförderung Dortmund")
    assert similar_organisations(OrganisationValues(name="wirtschaftsforderung DORTMUND")) == [
        office
    ]
    assert similar_organisations(OrganisationValues(name="Wirtschaftsförderung")) == []


def test_a_city_is_found_under_any_of_its_names_in_any_script(app_ctx, demo):
    zhytomyr = named(City, "Zhytomyr")
    for typed in ("Schytomyr", "Житомир", "zytomierz", "ZHYTOMYR"):
        assert similar_cities(CityValues(name=typed, country_code="UA")) == [zhytomyr], typed
    other_names = "de: Neustadt\nuk: Житомир"
    assert similar_cities(CityValues(name="Nowhere", country_code="UA", other_names=other_names))
    assert similar_cities(CityValues(name="Lviv", country_code="UA")) == []
