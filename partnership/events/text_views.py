"""The sub-form on every event's page that keeps its title and summary in other languages."""

from flask import Blueprint, current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from partnership.events import texts
from partnership.events.models import Event, EventText
from partnership.events.services import SUMMARY_LENGTH, TITLE_LENGTH
from partnership.extensions import db
from partnership.formatting import event_url
from partnership.i18n import LANGUAGES
from partnership.records.children import ChildPages
from partnership.records.entity import entity_of

bp = Blueprint("event_texts", __name__, url_prefix="/events")


class EventTextForm(FlaskForm):
    language = SelectField(_l("Language"), choices=texts.language_choices)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_LENGTH)])
    summary = StringField(_l("Summary"), validators=[Length(max=SUMMARY_LENGTH)])


class AnyEventPage:
    """The detail page of an event of any kind: its texts are added there."""

    area = "event_texts"

    def get_or_404(self, object_id: int) -> Event:
        return db.get_or_404(Event, object_id)

    def render_detail(self, event: Event, status: int = 200, **forms):
        # The page of the event's own kind, with the refused form in it: every kind registers
        # its `RecordPages.detail` (a bound method) as the view of `<kind>.detail`.
        view = current_app.view_functions[entity_of(event).detail_endpoint]
        return view.__self__.render_detail(event, status, **forms)


class EventTextPages(ChildPages):
    """Add (or replace) an event's title and summary in one more language; remove one."""

    parent_pages = AnyEventPage()
    model = EventText
    form_class = EventTextForm
    path = "texts"
    anchor = "texts"
    form_name = "text_form"
    parent_key = "event_id"
    form_prefix = "text"
    values = texts.EventTextValues
    add_endpoint = "add_text"
    remove_endpoint = "remove_text"

    def target(self, object_id: int) -> str:
        return event_url(self.parent_pages.get_or_404(object_id), _anchor=self.anchor)

    def add(self, event, values):
        return texts.save_event_text(event, values)

    def remove(self, text) -> None:
        texts.remove_event_text(text)

    def added_message(self, text) -> str:
        return _("The title in %(language)s was saved.", language=LANGUAGES[text.language])

    def removed_message(self, text) -> str:
        return _(
            "The title and summary in %(language)s were removed.",
            language=LANGUAGES.get(text.language, text.language),
        )


TEXTS = EventTextPages().register(bp)
