"""Fields that choose records by name: a text field a script turns into a combobox.

What a browser sends for a field named `city`:

- `city`: the chosen record's id (a hidden input, or the ticked boxes of a multiple choice);
- `city-text`: the text in the box;
- `city-shown`: the name the page showed with that id (one choice only).

Text equal to what was shown keeps the chosen id (an unchanged edit form, or a choice the
script made). Other text was typed without the script: the server resolves it by name. An id
alone (a bookmarked filter, a script) is taken as it is. Every id is checked against the
source, so a forged, deleted or archived one is refused.
"""

from flask import get_template_attribute, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import Field, ValidationError
from wtforms.utils import unset_value

from partnership.lookup.countries import COUNTRIES
from partnership.lookup.sources import Source, fold

TEXT_SUFFIX = "-text"
SHOWN_SUFFIX = "-shown"
# A form may link this many records in one field; no page offers more, and none is read more.
MAX_CHOSEN = 200
# Typed text quoted in a message is cut to this length.
QUOTED_LENGTH = 60


class LookupWidget:
    """Render the field through the `render_lookup` macro of `_form.html`."""

    input_type = "text"

    def __call__(self, field, **attrs) -> Markup:
        render = get_template_attribute("_form.html", "render_lookup")
        return Markup(render(field, attrs))


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTED_LENGTH else text[: QUOTED_LENGTH - 1] + "…"


def _ids(source: Source, values) -> list:
    """Read posted ids in order, once each; ValueError for anything that is not an id."""
    return list(dict.fromkeys(source.read_id(value) for value in values if str(value).strip()))


def gone_message() -> str:
    return _("The chosen entry no longer exists or was archived. Please choose again.")


class LookupField(Field):
    """Choose records of `choices`, a lookup source; see the module's docstring."""

    widget = LookupWidget()
    multiple = False

    def __init__(self, label=None, validators=None, *, choices: Source, **kwargs):
        if not isinstance(choices, Source):
            raise TypeError("choices must be a lookup source: see partnership.forms.model_choices")
        self.source = choices
        self.typed = None  # text that named no single record, shown again as typed
        self.candidates = ()  # the records offered instead
        self._records: dict = {}
        self._formdata = None
        super().__init__(label, validators, **kwargs)

    @property
    def lookup_url(self) -> str:
        return url_for("lookup.search", source=self.source.name)

    def process(self, formdata, data=unset_value, extra_filters=None):
        self._formdata = formdata
        self.typed, self.candidates = None, ()
        super().process(formdata, data, extra_filters)

    def _chosen_ids(self) -> list[int]:
        raise NotImplementedError

    def _load(self, ids) -> dict:
        missing = [i for i in ids if i not in self._records]
        if missing:
            self._records.update(self.source.records(missing))
        return {i: self._records[i] for i in ids if i in self._records}

    def _resolve(self, text: str, hints=()):
        """Return the record `text` names, or keep the text and candidates and raise."""
        resolution = self.source.resolve(text, hints)
        if resolution.record is not None:
            self._records[resolution.record.id] = resolution.record
            return resolution.record
        self.typed = text
        self.candidates = resolution.candidates
        if resolution.several:
            message = _("Several entries are called “%(text)s”. Which one do you mean?")
        elif resolution.candidates:
            message = _("Nothing is called “%(text)s”. Did you mean one of these?")
        else:
            message = _("Nothing is called “%(text)s”. Check the spelling, or add it first.")
        raise ValueError(message % {"text": _quoted(text)})

    # What the template shows -------------------------------------------------------------

    @property
    def texts(self) -> dict[str, str]:
        """What the script says, in the reader's language ({count} and {name} filled in)."""
        return {
            "how": _("Type to search, then choose with the up and down arrow keys and Enter."),
            "none": _("No matches."),
            "one": _("1 match. Use the up and down arrow keys to choose."),
            "many": _("{count} matches. Use the up and down arrow keys to choose."),
            "more": _("The first {count} matches; type more to narrow them down."),
            "failed": _("Searching failed; the text you type is checked when you save."),
            "chosen": _("{name} chosen."),
            "added": _("{name} added."),
        }

    def item(self, record) -> dict:
        return self.source.describe(record)

    @property
    def chosen_items(self) -> list[dict]:
        return [self.item(record) for record in self._load(self._chosen_ids()).values()]

    @property
    def candidate_items(self) -> list[dict]:
        return [self.item(record) for record in self.candidates]

    def iter_choices(self):
        """The chosen records as (id, label, selected, attributes), as a select lists them."""
        return [(item["id"], item["label"], True, {}) for item in self.chosen_items]


class LookupOneField(LookupField):
    """Choose one record, or none."""

    def process_data(self, value):
        try:
            self.data = _ids(self.source, [value])[0] if value not in (None, "") else None
        except (ValueError, TypeError, IndexError):
            self.data = None

    def process_formdata(self, valuelist):
        form = self._formdata
        ids = [value for value in valuelist if value.strip()]
        text_name, shown_name = self.name + TEXT_SUFFIX, self.name + SHOWN_SUFFIX
        text = form.get(text_name, "") if text_name in form else None
        self.data = None
        if text is None or fold(text) == fold(form.get(shown_name, "")):
            self._take_id(ids[:1], text)
            return
        self.raw_data = []
        if not text.strip():
            return
        try:
            hints = _ids(self.source, ids[:1])
        except ValueError:
            hints = []
        self.data = self._resolve(text, hints).id
        self.raw_data = [str(self.data)]

    def _take_id(self, ids, text):
        try:
            chosen = _ids(self.source, ids)
        except ValueError:
            chosen = None
        if chosen == []:
            return
        if chosen and self._load(chosen):
            self.data = chosen[0]
            return
        self.typed = text or ""
        raise ValueError(gone_message())

    def _chosen_ids(self) -> list[int]:
        return [self.data] if self.data is not None else []

    @property
    def text(self) -> str:
        """What the box shows: the text as typed when it chose nothing, else the choice."""
        if self.typed is not None:
            return self.typed
        items = self.chosen_items
        return items[0]["label"] if items else ""

    @property
    def shown(self) -> str:
        # After a failed resolution the box holds typed text: nothing was shown with an id.
        return "" if self.typed is not None else self.text

    def _value(self) -> str:
        return self.text


class LookupManyField(LookupField):
    """Choose several records: ticked boxes for the chosen ones, a box to add another."""

    multiple = True

    def process_data(self, value):
        try:
            self.data = _ids(self.source, value or [])
        except (ValueError, TypeError):
            self.data = []

    def process_formdata(self, valuelist):
        self.data = []
        if len(valuelist) > MAX_CHOSEN:
            raise ValueError(_("Choose at most %(count)d entries.", count=MAX_CHOSEN))
        try:
            ids = _ids(self.source, valuelist)
        except ValueError as error:
            raise ValueError(gone_message()) from error
        found = self._load(ids)
        self.data = [i for i in ids if i in found]
        text = self._formdata.get(self.name + TEXT_SUFFIX, "")
        problems = []
        if len(found) < len(ids):
            problems.append(gone_message())
        if text.strip():
            try:
                record = self._resolve(text, hints=self.data)
                if record.id not in self.data:
                    self.data.append(record.id)
            except ValueError as error:
                problems.append(str(error))
        if problems:
            raise ValueError(" ".join(problems))

    def _chosen_ids(self) -> list[int]:
        return list(self.data or [])

    @property
    def text(self) -> str:
        return self.typed or ""

    def _value(self) -> str:
        return ", ".join(item["label"] for item in self.chosen_items)


class CountryField(LookupOneField):
    """Choose a country by its name in German or English, or by its code; holds the ISO code.

    The value posted beside the box (a script's, an older form's) may be a code or a name.
    """

    def __init__(self, label=None, validators=None, *, required=False, **kwargs):
        self.required = required
        kwargs.setdefault(
            "description",
            _l("Type the country's name in German or English, or its code, e.g. DE or UA."),
        )
        super().__init__(label, validators, choices=COUNTRIES, **kwargs)

    def _take_id(self, ids, text):
        if ids:
            try:
                self.source.read_id(ids[0])
            except ValueError:
                self.data = self._resolve(ids[0]).id
                self.raw_data = [self.data]
                return
        super()._take_id(ids, text)

    def _resolve(self, text: str, hints=()):
        try:
            return super()._resolve(text, hints)
        except ValueError:
            raise ValueError(
                _(
                    "No country goes by this name or code. Enter the two-letter ISO 3166 code, "
                    "e.g. DE or UA, or the country's name in German or English."
                )
            ) from None

    def pre_validate(self, form) -> None:
        if self.required and self.data is None and not self.process_errors:
            raise ValidationError(_("Choose a country."))
