"""Form fields shared by every area: fuzzy dates, record pickers, web links, notes."""

from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError

from partnership.formatting import format_fuzzy
from partnership.fuzzydate import FuzzyDate, FuzzyDateError, parse_fuzzy_date
from partnership.i18n import current_language
from partnership.labels import choice_label
from partnership.lookup.fields import LookupManyField, LookupOneField
from partnership.lookup.sources import FoldedSearchText, LookupSource, register
from partnership.routing import record_id

NO_CHOICE = SelectChoice("", "—")
# Notes and other free text: ample for what an office writes down, yet bounded, because the
# history keeps a before and an after copy of every change.
NOTES_MAX_LENGTH = 10_000


class FuzzyDateField(StringField):
    """A date typed as people write it; keeps the typed text when it cannot be read."""

    def __init__(self, label=None, validators=None, required=False, **kwargs):
        self.required = required
        kwargs.setdefault(
            "description",
            _l(
                "For example 24.09.2023, 24.–29. September 2023, Februar 2024, Q1 2024, 2022 "
                "or voraussichtlich Februar 2024."
            ),
        )
        super().__init__(label, validators, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return format_fuzzy(self.data) if isinstance(self.data, FuzzyDate) else ""

    def process_formdata(self, valuelist) -> None:
        self.data = None
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            return
        try:
            self.data = parse_fuzzy_date(text)
        except FuzzyDateError as error:
            raise ValueError(date_error_message(error)) from error

    def pre_validate(self, form) -> None:
        if self.required and self.data is None and not self.process_errors:
            raise ValidationError(_("Enter a date."))


def date_error_message(error: FuzzyDateError) -> str:
    """Return why a typed date cannot be read, in the interface language."""
    language = current_language()
    return _(error.template, **error.params_for(language))


def optional_id(value) -> int | None:
    if value in (None, "", "None"):
        return None
    return record_id(value)


def model_choices(
    model,
    order_by=None,
    label=str,
    where=None,
    *,
    name: str | None = None,
    search=None,
    options=(),
    detail=None,
) -> LookupSource:
    """Return the records of `model` as a source of choices, found by name a few at a time.

    The source answers at /lookup/<name> (the table's name unless `name` is given); `search`
    says how text finds a record, by default the model's folded search text (`Searchable`).
    `options` load what `label` and `detail` read; `detail` tells namesakes apart.
    """
    if search is None:
        if not hasattr(model, "search_text"):
            raise TypeError(f"{model.__name__} keeps no search text: pass search=")
        search = FoldedSearchText(model)
    if order_by is None:
        order_by = ()
    elif not isinstance(order_by, tuple | list):
        order_by = (order_by,)
    order_by = (*order_by, model.id)  # namesakes, too, always in the same order
    source = LookupSource(
        name=name or model.__tablename__,
        model=model,
        order_by=tuple(order_by),
        label=label,
        where=where,
        match=search,
        options=tuple(options),
        detail=detail,
    )
    return register(source)


class RecordField(LookupOneField):
    """Pick one record by name; empty unless `required`.

    A short list fixed per form (the budget lines of one event) stays a plain select.
    """

    def __new__(cls, *args, **kwargs):
        if "_form" not in kwargs and not isinstance(kwargs.get("choices"), LookupSource):
            return RecordSelectField(*args, **kwargs)
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, label=None, validators=None, *, choices, required=False, **kwargs):
        self.required = required
        super().__init__(label, validators, choices=choices, **kwargs)

    def pre_validate(self, form) -> None:
        if self.required and self.data is None and not self.process_errors:
            raise ValidationError(_("Choose one."))


class RecordsField(LookupManyField):
    """Pick several records by name."""

    def __init__(self, label=None, validators=None, *, choices, **kwargs):
        kwargs.pop("render_kw", None)  # sized for the select it was once
        super().__init__(label, validators, choices=choices, **kwargs)


class RecordSelectField(SelectField):
    """Pick one of a short list the form sets itself; empty unless `required`."""

    def __init__(self, label=None, validators=None, *, choices, required=False, **kwargs):
        self.required = required
        self._load_choices = choices
        super().__init__(label, validators, coerce=optional_id, choices=self._with_blank, **kwargs)

    def _with_blank(self):
        return [NO_CHOICE, *self._load_choices()]

    def pre_validate(self, form) -> None:
        if self.required and self.data is None:
            raise ValidationError(_("Choose one."))
        super().pre_validate(form)


def enum_choices(enum_class) -> list[SelectChoice]:
    """List the values of an enum as choices labelled in the language of each request."""
    return [SelectChoice(m.value, choice_label(m)) for m in enum_class]


class WebLinkField(StringField):
    """An http(s) address; anything else (javascript:, data:, mailto:) is refused."""

    def __init__(self, label=None, validators=None, max_length=1000, **kwargs):
        validators = [Optional(), Length(max=max_length), *(validators or [])]
        super().__init__(label, validators, **kwargs)

    def pre_validate(self, form) -> None:
        if not self.data:
            return
        self.data = self.data.strip()
        parts = urlsplit(self.data)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise ValidationError(_("Enter a web address starting with http:// or https://."))


class NotesField(TextAreaField):
    """Free text such as notes: at most NOTES_MAX_LENGTH characters (or `max_length`)."""

    def __init__(self, label=None, validators=None, max_length=NOTES_MAX_LENGTH, **kwargs):
        super().__init__(label, [Length(max=max_length), *(validators or [])], **kwargs)


class EachItemFits:
    """Check every line of a field, or every item between `separator`s, for its length.

    Fields that become one record per line or item (other names of a city, new members,
    programme items, new topics) fit each item in a column of `max_length` characters;
    `pieces` splits an item that fills several columns ("name – role"). The message names
    the line or item that is too long.
    """

    def __init__(self, max_length: int, separator: str = "\n", pieces=None):
        self.max_length = max_length
        self.separator = separator
        self.pieces = pieces or (lambda item: (item,))

    def __call__(self, form, field) -> None:
        text = field.data or ""
        items = text.splitlines() if self.separator == "\n" else text.split(self.separator)
        for number, item in enumerate(items, start=1):
            item = item.strip()
            if item and any(len(piece) > self.max_length for piece in self.pieces(item)):
                raise ValidationError(self._message(number, item))

    def _message(self, number: int, item: str) -> str:
        start = item[:30]
        if self.separator == "\n":
            return _(
                "Line %(number)d (“%(start)s…”) is too long: at most %(max)d characters.",
                number=number,
                start=start,
                max=self.max_length,
            )
        return _(
            "“%(start)s…” is too long: at most %(max)d characters each.",
            start=start,
            max=self.max_length,
        )
