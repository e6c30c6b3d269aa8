"""The forms of a record's documents: attach a file, and change what is said about one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField

from partnership.documents.checks import ALLOWED
from partnership.documents.models import DocumentKind
from partnership.forms import NotesField, enum_choices

CAPTION_LENGTH = 2000


def _kind_field():
    return SelectField(
        _l("Kind"), choices=enum_choices(DocumentKind), default=DocumentKind.OTHER.value
    )


def _caption_field():
    return NotesField(
        _l("Caption"),
        max_length=CAPTION_LENGTH,
        description=_l("Who or what it shows, e.g. “Signing in the town hall, 12 May 2023”."),
    )


def _public_field():
    return BooleanField(
        _l("Public: may be shown outside the office (e.g. on the event's public page)")
    )


class DocumentForm(FlaskForm):
    """What an editor may change about a stored document."""

    kind = _kind_field()
    caption = _caption_field()
    public = _public_field()


class UploadForm(FlaskForm):
    """A file to attach to a record, with what it is."""

    file = FileField(
        _l("File"),
        validators=[FileRequired(_l("Choose a file to attach."))],
        render_kw={"accept": ",".join(f".{extension}" for extension in ALLOWED)},
    )
    kind = _kind_field()
    caption = _caption_field()
    public = _public_field()

    def __init__(self, *args, **kwargs):
        # Prefixed: other forms on a record's page have fields of the same names.
        super().__init__(*args, prefix="document", **kwargs)
