"""The forms of a partner user: propose an event, attach a file, add press coverage."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from partnership.documents.checks import ALLOWED
from partnership.documents.forms import CAPTION_LENGTH
from partnership.documents.models import DocumentKind
from partnership.forms import FuzzyDateField, NotesField, WebLinkField
from partnership.labels import choice_label
from partnership.portal.scope import HIDDEN_DOCUMENT_KINDS
from partnership.portal.services import ProposalKind


class ProposalForm(FlaskForm):
    """A new event as a partner sees it; `direction`'s choices name the two cities."""

    kind = SelectField(
        _l("What do you propose?"),
        choices=[
            SelectChoice(ProposalKind.VISIT.value, _l("A visit")),
            SelectChoice(ProposalKind.EXCHANGE.value, _l("A planned exchange")),
            SelectChoice(ProposalKind.MEETING.value, _l("A meeting")),
        ],
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    date = FuzzyDateField(_l("Date"), required=True)
    direction = SelectField(
        _l("Who travels"),
        choices=[],
        validate_choice=False,
        description=_l("For a visit or an exchange."),
    )
    place = StringField(
        _l("Place"), validators=[Length(max=300)], description=_l("For a meeting: where it is.")
    )
    summary = StringField(
        _l("Summary"), validators=[Length(max=500)], description=_l("One line: what is it about?")
    )


class PortalUploadForm(FlaskForm):
    """A file a partner attaches to an event; whether it is public the office decides."""

    file = FileField(
        _l("File"),
        validators=[FileRequired(_l("Choose a file to attach."))],
        render_kw={"accept": ",".join(f".{extension}" for extension in ALLOWED)},
    )
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice(kind.value, choice_label(kind))
            for kind in DocumentKind
            if kind not in HIDDEN_DOCUMENT_KINDS
        ],
        default=DocumentKind.PHOTO.value,
    )
    caption = NotesField(
        _l("Caption"),
        max_length=CAPTION_LENGTH,
        description=_l("Who or what it shows, e.g. “Signing in the town hall, 12 May 2023”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="document", **kwargs)


class CoverageForm(FlaskForm):
    """A press article about the partnership's events, as a partner reports it."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    url = WebLinkField(_l("Web address"))
    outlet = StringField(
        _l("Outlet"), validators=[Length(max=300)], description=_l("e.g. Zhytomyr city newsroom")
    )
    published_on = DateField(_l("Published on"), validators=[Optional()])
    language = StringField(
        _l("Language"), validators=[Length(max=16)], description=_l("e.g. uk, de, en")
    )
    event_ids = SelectMultipleField(
        _l("Reports on these events"),
        coerce=int,
        choices=[],
        description=_l("Hold Ctrl (or ⌘) to choose several."),
        render_kw={"size": 8},
    )
