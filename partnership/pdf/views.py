"""Lists to sign of an event: a page to choose them and their PDF downloads.

Everyone logged in may download them (viewers too): they print what the event's page shows.
Each download is noted in the audit log, since the list names the participants.
"""

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from partnership.audit.services import record_export
from partnership.events.models import Event
from partnership.extensions import db
from partnership.forms import NO_CHOICE, optional_id
from partnership.pdf.facts import grants_of
from partnership.pdf.lists import (
    DEFAULT_BLANK_ROWS,
    MAX_BLANK_ROWS,
    sending_cities,
    signature_lists_pdf,
)
from partnership.reports.rules import rules_for_grant

bp = Blueprint("signature_lists", __name__, url_prefix="/events")


class ListChoiceForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: the choice is part of the download's address

    city = SelectField(
        _l("Sending city"),
        description=_l("Empty: one list for everyone taking part."),
        validate_choice=False,  # checked by validate_city, with a message of its own
    )
    per_day = BooleanField(_l("One list for each day of the event"))
    blank_rows = IntegerField(
        _l("Blank rows"),
        default=DEFAULT_BLANK_ROWS,
        description=_l("Empty rows for people who come without being known beforehand."),
        validators=[
            InputRequired(_l("Enter how many blank rows the list should have.")),
            NumberRange(0, MAX_BLANK_ROWS, _l("Enter a number from %(min)s to %(max)s.")),
        ],
    )

    def __init__(self, cities, **kwargs):
        super().__init__(**kwargs)
        self.cities = cities
        self.city.choices = [NO_CHOICE, *((str(city.id), city.name) for city in cities)]
        self.city_id: int | None = None

    def validate_city(self, field) -> None:
        try:
            self.city_id = optional_id(field.data)
        except ValueError:
            self.city_id = -1
        if self.city_id is not None and self.city_id not in {city.id for city in self.cities}:
            raise ValidationError(_("Choose one of the cities that sent participants."))


def _form(event: Event) -> ListChoiceForm:
    return ListChoiceForm(sending_cities(event.id), formdata=request.args or None)


def _page(event: Event, form: ListChoiceForm, status: int = 200):
    return render_template("pdf/lists_page.html", event=event, form=form), status


def funder_wants_days(event: Event) -> bool:
    """Whether the rules of a grant paying for the event ask for one list per day."""
    return any(rules_for_grant(grant).rules.lists_per_day for grant in grants_of(event.id))


@bp.get("/<int:object_id>/lists")
def choose(object_id: int):
    """Offer the event's lists to sign: for everyone, per sending city, per day (chosen when
    the funder's rules ask for it)."""
    event = db.get_or_404(Event, object_id)
    form = ListChoiceForm(sending_cities(event.id), per_day=funder_wants_days(event))
    return _page(event, form)


@bp.get("/<int:object_id>/lists.pdf")
def download(object_id: int):
    """Send the chosen list to sign as PDF; a choice that cannot be read shows the page again."""
    if not request.args:
        # The address without a choice (typed, bookmarked, shared): offer the choice.
        return choose(object_id)
    event = db.get_or_404(Event, object_id)
    form = _form(event)
    if not form.validate():
        return _page(event, form, 422)
    record_export(f"participant-list-{event.id}.pdf")
    pdf = signature_lists_pdf(
        event.id,
        sending_city_id=form.city_id,
        per_day=form.per_day.data,
        blank_rows=form.blank_rows.data,
    )
    name = f"participants-{event.id}" + (f"-city-{form.city_id}" if form.city_id else "")
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
    )
