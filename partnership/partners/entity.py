"""Cities, partnerships and organisations, described once for every shared feature."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from partnership.countries import country_name
from partnership.formatting import format_fuzzy
from partnership.imports.columns import Column
from partnership.imports.matching import NameIndex
from partnership.imports.rules import constant
from partnership.imports.schemas import CITY as CITY_HEADERS
from partnership.imports.schemas import NOTES, NOTES_LENGTH, ImportSpec
from partnership.imports.values import Choice, Ref, Text, WebAddress
from partnership.imports.words import ORGANISATION_WORDS
from partnership.labels import describe_values, label
from partnership.merging.duplicates import similar_cities, similar_organisations
from partnership.partners import queries, services
from partnership.partners.models import (
    City,
    CityName,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import Cell, choice, field, flag, fuzzy_date, joined, named

describe_values(
    PartnershipKind,
    {
        "twinning": _l("twinning"),
        "friendship": _l("friendship"),
        "project": _l("project"),
        "solidarity": _l("solidarity"),
    },
)
describe_values(
    PartnershipStatus,
    {
        "planned": _l("planned"),
        "active": _l("active"),
        "suspended": _l("suspended"),
        "ended": _l("ended"),
    },
)
describe_values(
    OrganisationKind,
    {
        "city administration": _l("city administration"),
        "city department": _l("city department"),
        "NGO": _l("NGO"),
        "company": _l("company"),
        "funder": _l("funder"),
        "school": _l("school"),
        "university": _l("university"),
        "media": _l("media"),
        "other": _l("other"),
    },
)


def _other_names(city: City) -> str:
    return ", ".join(n.name for n in city.alternative_names)


def _other_names_and_country(city: City) -> str:
    return " · ".join(filter(None, (_other_names(city), country_name(city.country_code))))


def _other_names_cell(model) -> tuple:
    """A city's names besides its main one, in the order they were given: 'de: Schytomyr'."""
    language = func.coalesce(CityName.language, "")
    named_so = case((language != "", language + ": " + CityName.name), else_=CityName.name)
    values = (
        select(named_so.label("value"))
        .where(CityName.city_id == model.id, ~((CityName.name == model.name) & (language == "")))
        .order_by(CityName.id)
    )
    return (joined(values, model, "; "),)


CITY = register(
    Entity(
        name="cities",
        model=City,
        singular=_l("City"),
        plural=_l("Cities"),
        fields={
            "name": _l("Name"),
            "other_names": _l("Other names"),
            "country_code": _l("Country"),
            "region": _l("Region"),
            "is_home": _l("Home city"),
            "notes": _l("Notes"),
        },
        list_query=queries.city_list,
        columns=(
            ListColumn(_l("Other names"), _other_names),
            ListColumn(_l("Country"), lambda c: country_name(c.country_code)),
            ListColumn(_l("Region"), lambda c: c.region),
            ListColumn(_l("Home city"), lambda c: _("yes") if c.is_home else ""),
        ),
        values=services.CityValues,
        save=services.save_city,
        read=services.read_city,
        referred=lambda n, **f: ngettext(
            "%(num)d city refers to it as %(field)s.",
            "%(num)d cities refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("partners", 10),
        duplicates=similar_cities,
        search_hint=_l("any of its names, in any language or script"),
        search_detail=_other_names_and_country,
        csv_columns=(
            ("Name", field("name")),
            ("Other names", Cell(_other_names_cell)),
            ("Country", field("country_code")),
            ("Region", field("region")),
            ("Home city", flag("is_home")),
            ("Notes", field("notes")),
        ),
    )
)

PARTNERSHIP = register(
    Entity(
        name="partnerships",
        model=Partnership,
        singular=_l("Partnership"),
        plural=_l("Partnerships"),
        fields={
            "home_city_id": _l("Home city"),
            "partner_city_id": _l("Partner city"),
            "kind": _l("Kind"),
            "status": _l("Status"),
            "since": _l("Since"),
            "coordinator_id": _l("Coordinator"),
            "notes": _l("Notes"),
        },
        list_query=queries.partnership_list,
        columns=(
            ListColumn(_l("Kind"), lambda p: label(p.kind)),
            ListColumn(_l("Status"), lambda p: label(p.status)),
            ListColumn(_l("Since"), lambda p: format_fuzzy(p.since)),
        ),
        values=services.PartnershipValues,
        save=services.save_partnership,
        read=services.read_partnership,
        referred=lambda n, **f: ngettext(
            "%(num)d partnership refers to it as %(field)s.",
            "%(num)d partnerships refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("partners", 20),
        search_hint=_l("a city's name"),
        csv_columns=(
            ("Home city", named("home_city")),
            ("Partner city", named("partner_city")),
            ("Kind", choice("kind")),
            ("Status", choice("status")),
            ("Since", fuzzy_date()),
            ("Coordinator", named("coordinator")),
            ("Notes", field("notes")),
        ),
        personal=True,
    )
)

ORGANISATION = register(
    Entity(
        name="organisations",
        model=Organisation,
        singular=_l("Organisation"),
        plural=_l("Organisations"),
        fields={
            "name": _l("Name"),
            "kind": _l("Kind"),
            "city_id": _l("City"),
            "website": _l("Website"),
            "notes": _l("Notes"),
        },
        list_query=queries.organisation_list,
        columns=(
            ListColumn(_l("Kind"), lambda o: label(o.kind)),
            ListColumn(_l("City"), lambda o: o.city or ""),
        ),
        values=services.OrganisationValues,
        save=services.save_organisation,
        read=services.read_organisation,
        referred=lambda n, **f: ngettext(
            "%(num)d organisation refers to it as %(field)s.",
            "%(num)d organisations refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("partners", 30),
        duplicates=similar_organisations,
        search_hint=_l("name or city"),
        search_detail=lambda o: label(o.kind),
        importer=ImportSpec(
            index=NameIndex,
            load_options=(selectinload(Organisation.city),),
            columns=(
                Column(
                    "Name",
                    Text(300),
                    "name",
                    ("Organisation", "Organization", "Bezeichnung"),
                    True,
                ),
                Column(
                    "Kind",
                    Choice(OrganisationKind, ORGANISATION_WORDS),
                    "kind",
                    ("Type", "Art", "Typ"),
                    default=constant(OrganisationKind.OTHER),
                ),
                Column("City", Ref("city"), "city_id", CITY_HEADERS),
                Column(
                    "Website",
                    WebAddress(500),
                    "website",
                    ("Webseite", "Internetseite", "Homepage"),
                ),
                Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
            ),
        ),
    )
)
