"""Queries for cities, partnerships and organisations."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.countries import country_name
from partnership.forms import model_choices
from partnership.lookup.sources import KnownNames
from partnership.partners.models import City, CityName, Organisation, Partnership
from partnership.search.fulltext import index_ids, matching, one_of

# A city is found under any of its names, in any language or script, as `cities_named` does.
city_choices = model_choices(
    City,
    order_by=City.name,
    search=KnownNames(City.id, CityName.city_id, CityName.search_key),
    detail=lambda city: ", ".join(filter(None, (city.region, country_name(city.country_code)))),
)
organisation_choices = model_choices(Organisation, order_by=Organisation.name)


def cities_named(text: str, reach=None) -> Select:
    """Select ids of cities known under a name containing `text`, in any language or script
    (or, with a `reach`, starting with it: see partnership.search.fulltext)."""
    return select(CityName.city_id).where(
        matching("city_name", CityName.id, CityName.search_key, text, reach)
    )


def city_list(text: str) -> Select:
    query = select(City).options(selectinload(City.names)).order_by(City.is_home.desc(), City.name)
    if text:
        query = query.where(City.id.in_(cities_named(text)))
    return query


def partnership_list(text: str) -> Select:
    query = (
        select(Partnership)
        .join(City, Partnership.partner_city_id == City.id)
        .options(selectinload(Partnership.home_city), selectinload(Partnership.partner_city))
        .order_by(City.name)
    )
    if text:
        query = query.where(
            or_(
                Partnership.partner_city_id.in_(cities_named(text)),
                Partnership.home_city_id.in_(cities_named(text)),
            )
        )
    return query


def organisation_list(text: str) -> Select:
    query = (
        select(Organisation).options(selectinload(Organisation.city)).order_by(Organisation.name)
    )
    if text:
        in_city = Organisation.city_id.in_(cities_named(text))
        query = query.where(
            one_of(
                Organisation.id,
                (
                    index_ids("organisation", Organisation.id, Organisation.search_text, text),
                    Organisation.matches(text),
                ),
                (select(Organisation.id).where(in_city), in_city),
            )
        )
    return query
