"""Pages for cities, partnerships and organisations."""

from datetime import date

from flask import Blueprint, request
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.partners import forms, services
from partnership.partners.entity import CITY, ORGANISATION, PARTNERSHIP
from partnership.partners.models import City, Organisation, Partnership
from partnership.partners.timeline import city_timeline
from partnership.people.models import Contact
from partnership.records.pages import RecordPages
from partnership.routing import record_id
from partnership.stages.queries import stages_of

cities = Blueprint("cities", __name__, url_prefix="/cities")
partnerships = Blueprint("partnerships", __name__, url_prefix="/partnerships")
organisations = Blueprint("organisations", __name__, url_prefix="/organisations")
blueprints = (cities, partnerships, organisations)
# A city page lists this many of its organisations and contacts; the lists have the rest.
CITY_LIST_LENGTH = 50


class CityPages(RecordPages):
    entity = CITY
    form_class = forms.CityForm

    def detail_context(self, city: City) -> dict:
        today = date.today()
        events, events_total = city_timeline(city.id, today)
        return {
            "today": today,
            "partnerships": db.session.scalars(
                select(Partnership)
                .where(
                    or_(Partnership.partner_city_id == city.id, Partnership.home_city_id == city.id)
                )
                .options(
                    selectinload(Partnership.home_city), selectinload(Partnership.partner_city)
                )
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


class PartnershipPages(RecordPages):
    entity = PARTNERSHIP
    form_class = forms.PartnershipForm

    def prefill(self, form) -> None:
        """Choose the home city, and the partner city whose page the form was opened from."""
        if (city := services.home_city()) is not None:
            form.home_city_id.data = city.id
        partner_id = request.args.get("partner_city", type=record_id)
        partner = db.session.get(City, partner_id) if partner_id else None
        if partner is not None and not partner.is_home:
            form.partner_city_id.data = partner.id
        form.status.data = ""

    def edit_form(self, record: Partnership):
        form = super().edit_form(record)
        stages = stages_of(record.id)
        if stages:
            # The stages decide: the fields show what they made it, and cannot be changed here.
            follows = _("Follows from the partnership's stages: add a stage to change it.")
            fixed = [form.status]
            if any(stage.partnership_kind for stage in stages):
                fixed.append(form.kind)
            for field in fixed:
                field.render_kw = {**(field.render_kw or {}), "disabled": True}
                field.description = follows
        return form

    def detail_context(self, partnership: Partnership) -> dict:
        today = date.today()
        events, events_total = city_timeline(partnership.partner_city_id, today)
        return {
            "events": events,
            "events_total": events_total,
            "today": today,
            "stages": stages_of(partnership.id),
        }


class OrganisationPages(RecordPages):
    entity = ORGANISATION
    form_class = forms.OrganisationForm

    def detail_context(self, organisation: Organisation) -> dict:
        return {
            "contacts": db.session.scalars(
                select(Contact)
                .where(Contact.organisation_id == organisation.id)
                .order_by(Contact.name)
            ).all()
        }


CityPages().register(cities)
PartnershipPages().register(partnerships)
OrganisationPages().register(organisations)
