"""Form for press articles."""

from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from partnership.events.queries import event_choices
from partnership.forms import RecordsField, WebLinkField


class PressArticleForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    url = WebLinkField("Web address")
    outlet = StringField(
        "Outlet", validators=[Length(max=300)], description="e.g. Stadt Dortmund – Newsroom"
    )
    published_on = DateField("Published on", validators=[Optional()])
    language = StringField("Language", validators=[Length(max=16)], description="e.g. de, uk, en")
    section = StringField("Section", validators=[Length(max=200)])
    tags = StringField("Tags", validators=[Length(max=500)], description="Separated by commas.")
    event_ids = RecordsField(
        "Reports on these events",
        choices=event_choices,
        description="Pick every visit, agreement, exchange or milestone the article reports.",
        render_kw={"size": 8},
    )
    notes = TextAreaField("Notes")
