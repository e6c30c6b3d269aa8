"""Form for press articles."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional

from partnership.events.queries import event_choices
from partnership.forms import NotesField, RecordsField, WebLinkField


class PressArticleForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    url = WebLinkField(_l("Web address"))
    outlet = StringField(
        _l("Outlet"), validators=[Length(max=300)], description=_l("e.g. Stadt Dortmund – Newsroom")
    )
    published_on = DateField(_l("Published on"), validators=[Optional()])
    language = StringField(
        _l("Language"), validators=[Length(max=16)], description=_l("e.g. de, uk, en")
    )
    section = StringField(_l("Section"), validators=[Length(max=200)])
    tags = StringField(
        _l("Tags"), validators=[Length(max=500)], description=_l("Separated by commas.")
    )
    event_ids = RecordsField(
        _l("Reports on these events"),
        choices=event_choices,
        description=_l("Pick every visit, agreement, exchange or milestone the article reports."),
        render_kw={"size": 8},
    )
    notes = NotesField(_l("Notes"))
