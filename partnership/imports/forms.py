"""Forms for uploading a spreadsheet and for confirming what its preview showed."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from partnership.imports.kinds import importable, importables

DELIMITER_CHOICES = [
    SelectChoice("", _l("Detect it")),
    SelectChoice(";", _l("Semicolon ;")),
    SelectChoice(",", _l("Comma ,")),
    SelectChoice("tab", _l("Tab")),
]


def entity_choices() -> list[SelectChoice]:
    return [SelectChoice(name, entity.plural) for name, entity in importables().items()]


def importable_kind(form, field) -> None:
    if importable(field.data or "") is None:
        raise ValidationError(_l("Choose what the file holds."))


def delimiter_field() -> SelectField:
    return SelectField(
        _l("Columns separated by"),
        choices=DELIMITER_CHOICES,
        default="",
        description=_l("For CSV files; Excel workbooks need no separator."),
    )


def create_missing_field() -> BooleanField:
    return BooleanField(
        _l("Create missing cities, organisations, delegations and topics"),
        description=_l("Otherwise a name that matches no record is an error in the preview."),
    )


class UploadForm(FlaskForm):
    entity = SelectField(_l("What the file holds"), choices=entity_choices)
    file = FileField(
        _l("Spreadsheet"),
        validators=[FileRequired(_l("Choose a file to import."))],
        description=_l("CSV (UTF-8 or Windows-1252, comma or semicolon) or Excel (.xlsx)."),
        render_kw={"accept": ".csv,.txt,.xlsx,text/csv"},
    )
    delimiter = delimiter_field()
    create_missing = create_missing_field()


class ReviewForm(FlaskForm):
    """Carries the stored upload's token from the preview to "check again" or "import"."""

    token = HiddenField(validators=[DataRequired()])
    entity = HiddenField(validators=[importable_kind])
    digest = HiddenField()
    delimiter = delimiter_field()
    create_missing = create_missing_field()
