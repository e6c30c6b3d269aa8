"""The fields every event has, and the forms for milestones and topics."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from partnership.events.models import MilestoneKind
from partnership.forms import FuzzyDateField, NotesField, RecordField, RecordsField, enum_choices
from partnership.partners.queries import city_choices


def topics_field():
    from partnership.events.queries import topic_choices

    return RecordsField(_l("Topics"), choices=topic_choices)


class EventForm(FlaskForm):
    """Title, partner city and summary; each kind adds its date and its own fields."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    partner_city_id = RecordField(_l("Partner city"), choices=city_choices)
    summary = StringField(
        _l("Summary"),
        validators=[Length(max=500)],
        description=_l("One line for the timeline."),
    )


class MilestoneForm(EventForm):
    date = FuzzyDateField(_l("Date"), required=True)
    milestone_kind = SelectField(_l("Kind"), choices=enum_choices(MilestoneKind))
    place = StringField(_l("Place"), validators=[Length(max=300)])
    topic_ids = topics_field()
    notes = NotesField(_l("Notes"))


class TopicForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
