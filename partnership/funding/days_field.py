"""The days a participant attended: a box per day of a short event, else dates typed in a row.

An event dated to the day and lasting at most `MAX_TICKED_DAYS` offers one checkbox per day;
any other event (a month, a longer run) takes dates typed as "10.05.2024, 11.05.2024". Nothing
ticked or typed means every day of the event.
"""

import re
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import Field

from partnership.formatting import format_day
from partnership.funding.participant_counts import event_days
from partnership.fuzzydate import FuzzyDateError, Precision, parse_fuzzy_date

MAX_TICKED_DAYS = 31
TEXT_LENGTH = 1000
SEPARATORS = re.compile(r"[,;\n]+")


class DaysWidget:
    """Checkboxes of the event's days, or a text box; `render_days` in the event's page wraps
    the checkboxes in a fieldset with the field's label as its legend."""

    def __call__(self, field, **attrs) -> Markup:
        # The hint, error and invalid mark go on the text box, or on every box of the group.
        rest = "".join(f' {escape(k)}="{escape(v)}"' for k, v in attrs.items())
        if field.event_days is None:
            value = escape(field._value())
            return Markup(
                f'<input type="text" id="{field.id}" name="{field.name}" value="{value}" '
                f'maxlength="{TEXT_LENGTH}"{rest}>'
            )
        ticked = field.ticked()
        boxes = []
        for number, day in enumerate(field.event_days, start=1):
            box_id = f"{field.id}-{number}"
            checked = " checked" if day.isoformat() in ticked else ""
            boxes.append(
                f'<div class="choice"><input type="checkbox" id="{box_id}" name="{field.name}" '
                f'value="{day.isoformat()}"{checked}{rest}> '
                f'<label for="{box_id}">{escape(format_day(day))}</label></div>'
            )
        return Markup("".join(boxes))


class DaysField(Field):
    """Read ticked or typed days into a tuple of dates, once `set_event` decided which way."""

    widget = DaysWidget()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("description", _l("Leave empty when the participant attended every day."))
        super().__init__(label, validators, **kwargs)
        self.event_days: list[date] | None = None

    def set_event(self, event) -> None:
        """Offer the event's days as boxes where it is short, and read what was sent."""
        days = event_days(event.date) if event is not None else None
        self.event_days = days if days is not None and len(days) <= MAX_TICKED_DAYS else None
        if self.event_days is None:
            self.description = _l(
                "The dates attended, e.g. 10.05.2024, 11.05.2024; leave empty when the "
                "participant attended every day."
            )
        sent = self._sent()
        if sent is None:
            return
        try:
            self.data = self._read(sent)
        except ValueError as error:
            self.data = ()
            self.process_errors.append(error.args[0])

    def process_data(self, value) -> None:
        self.data = tuple(value or ())

    def process_formdata(self, valuelist) -> None:
        # Read in `set_event`: only the event tells whether boxes or a text were offered.
        pass

    def _sent(self) -> list[str] | None:
        return getattr(self, "raw_data", None)

    def _read(self, sent: list[str]) -> tuple[date, ...]:
        if self.event_days is not None:
            return tuple(_iso_day(text) for text in sent if text.strip())
        text = sent[0] if sent else ""
        if len(text) > TEXT_LENGTH:
            raise ValueError(_("Type at most %(count)d characters.", count=TEXT_LENGTH))
        return tuple(_typed_day(item.strip()) for item in SEPARATORS.split(text) if item.strip())

    def ticked(self) -> set[str]:
        if self._sent():
            return set(self._sent())
        return {day.isoformat() for day in self.data or ()}

    def _value(self) -> str:
        if self._sent():
            return self._sent()[0]
        return ", ".join(day.strftime("%d.%m.%Y") for day in self.data or ())


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(_("Tick the days of the activity.")) from error


def _typed_day(text: str) -> date:
    try:
        when = parse_fuzzy_date(text)
    except FuzzyDateError:
        when = None
    if when is None or when.precision is not Precision.DAY or when.is_range or when.tentative:
        shown = text if len(text) <= 40 else text[:39] + "…"
        raise ValueError(_("“%(text)s” is not one day, e.g. 10.05.2024.", text=shown))
    return when.start
