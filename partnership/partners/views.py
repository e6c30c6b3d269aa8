"""Pages for cities, partnerships and organisations."""

from datetime import date

from flask import Blueprint
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.events.queries import city_timeline
from partnership.extensions import db
from partnership.formatting import format_fuzzy
from partnership.labels import label
from partnership.partners import forms, queries, services
from partnership.partners.models import City, Organisation, Partnership
from partnership.people.models import Contact

cities = Blueprint("cities", __name__, url_prefix="/cities")
partnerships = Blueprint("partnerships", __name__, url_prefix="/partnerships")
organisations = Blueprint("organisations", __name__, url_prefix="/organisations")
blueprints = (cities, partnerships, organisations)
# A city page lists this many of its organisations and contacts; the lists have the rest.
CITY_LIST_LENGTH = 50


def city_context(city: City) -> dict:
    today = date.today()
    events, events_total = city_timeline(city.id, today)
    return {
        "today": today,
        "partnerships": db.session.scalars(
            select(Partnership)
            .where(or_(Partnership.partner_city_id == city.id, Partnership.home_city_id == city.id))
            .options(selectinload(Partnership.home_city), selectinload(Partnership.partner_city))
        ).all(),
        "events": events,
        "events_total": events_total,
        "organisations": _first_of_city(Organisation, city),
        "contacts": _first_of_city(Contact, city),
    }


def _first_of_city(model, city: City) -> dict:
    """Return the first records of `model` in `city` by name, and how many there are."""
    in_city = model.city_id == city.id
    return {
        "shown": db.session.scalars(
            select(model).where(in_city).order_by(model.name).limit(CITY_LIST_LENGTH)
        ).all(),
        "total": db.session.scalar(select(func.count()).select_from(model).where(in_city)),
    }


def partnership_context(partnership: Partnership) -> dict:
    today = date.today()
    events, events_total = city_timeline(partnership.partner_city_id, today)
    return {"events": events, "events_total": events_total, "today": today}


def organisation_context(organisation: Organisation) -> dict:
    return {
        "contacts": db.session.scalars(
            select(Contact).where(Contact.organisation_id == organisation.id).order_by(Contact.name)
        ).all()
    }


register_pages(
    cities,
    EntityPages(
        model=City,
        singular=_l("City"),
        plural=_l("Cities"),
        form_class=forms.CityForm,
        list_query=queries.city_list,
        columns=[
            ListColumn(_l("Other names"), lambda c: ", ".join(n.name for n in c.alternative_names)),
            ListColumn(_l("Country"), lambda c: c.country_code),
            ListColumn(_l("Region"), lambda c: c.region),
            ListColumn(_l("Home city"), lambda c: _("yes") if c.is_home else ""),
        ],
        save=services.save_city,
        load_form=services.load_city_form,
        delete_blockers=blocking_references,
        detail_context=city_context,
        search_hint=_l("any of its names, in any language or script"),
    ),
)

register_pages(
    partnerships,
    EntityPages(
        model=Partnership,
        singular=_l("Partnership"),
        plural=_l("Partnerships"),
        form_class=forms.PartnershipForm,
        list_query=queries.partnership_list,
        columns=[
            ListColumn(_l("Kind"), lambda p: label(p.kind)),
            ListColumn(_l("Status"), lambda p: label(p.status)),
            ListColumn(_l("Since"), lambda p: format_fuzzy(p.since)),
        ],
        save=services.save_partnership,
        prefill_form=services.prefill_partnership,
        delete_blockers=blocking_references,
        detail_context=partnership_context,
        search_hint=_l("a city's name"),
    ),
)

register_pages(
    organisations,
    EntityPages(
        model=Organisation,
        singular=_l("Organisation"),
        plural=_l("Organisations"),
        form_class=forms.OrganisationForm,
        list_query=queries.organisation_list,
        columns=[
            ListColumn(_l("Kind"), lambda o: label(o.kind)),
            ListColumn(_l("City"), lambda o: o.city or ""),
        ],
        save=services.save_organisation,
        delete_blockers=blocking_references,
        detail_context=organisation_context,
        search_hint=_l("name or city"),
    ),
)
