"""The form of a partnership stage."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from partnership.agreements.forms import agreement_choices
from partnership.events.forms import topics_field
from partnership.events.services import SUMMARY_LENGTH, TITLE_LENGTH
from partnership.forms import FuzzyDateField, NotesField, RecordField, enum_choices, model_choices
from partnership.labels import label
from partnership.lookup.sources import KnownNames
from partnership.partners.models import City, CityName, Partnership, PartnershipKind
from partnership.stages.models import StageKind
from partnership.stages.services import DECISION_LENGTH

# A partnership is found under any name of its partner city, as the city itself is.
partnership_choices = model_choices(
    Partnership,
    order_by=select(City.name).where(City.id == Partnership.partner_city_id).scalar_subquery(),
    search=KnownNames(Partnership.partner_city_id, CityName.city_id, CityName.search_key),
    options=(selectinload(Partnership.home_city), selectinload(Partnership.partner_city)),
    detail=lambda p: f"{label(p.kind)}, {label(p.status)}",
)


class StageForm(FlaskForm):
    partnership_id = RecordField(_l("Partnership"), choices=partnership_choices, required=True)
    stage = SelectField(_l("Stage"), choices=enum_choices(StageKind))
    date = FuzzyDateField(_l("Date"), required=True)
    partnership_kind = SelectField(
        _l("Kind from then on"),
        choices=[SelectChoice("", _l("Not given")), *enum_choices(PartnershipKind)],
        description=_l("The kind of partnership from this stage on; an upgrade needs one."),
    )
    title = StringField(
        _l("Title"),
        validators=[Length(max=TITLE_LENGTH)],
        description=_l("Left empty, it is written from the stage, e.g. “Twinning signed”."),
    )
    decision = StringField(
        _l("Decision or document"),
        validators=[Length(max=DECISION_LENGTH)],
        description=_l("The council decision or document behind the stage, as you cite it."),
    )
    agreement_id = RecordField(_l("Agreement"), choices=agreement_choices)
    summary = StringField(
        _l("Summary"),
        validators=[Length(max=SUMMARY_LENGTH)],
        description=_l("One line for the timeline."),
    )
    topic_ids = topics_field()
    notes = NotesField(_l("Notes"))
