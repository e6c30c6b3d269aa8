"""The choice of a funding report: grant, programme or funder, period, and the CSV separator."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import selectinload
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from partnership.extensions import db
from partnership.forms import FuzzyDateField, RecordField, model_choices
from partnership.funding.forms import funder_choices, programme_choices
from partnership.funding.models import Grant, Programme
from partnership.i18n import current_language
from partnership.partners.models import Organisation
from partnership.records.export_cells import name_of
from partnership.reports.selection import FundingSelection

# The box shows the grant's whole reference and title; its funder only in the list of hits,
# where it tells grants apart (the box is too narrow for both).
grant_choices = model_choices(
    Grant,
    order_by=Grant.reference,
    detail=lambda grant: name_of(grant.funder),
    name="grant-with-funder",
    options=(selectinload(Grant.funder),),
)


def default_delimiter() -> str:
    """Offer what the interface language suggests: German spreadsheets read ';'."""
    return ";" if current_language() == "de" else ","


DELIMITER_CHOICES = [
    SelectChoice(";", _l("Semicolon, decimal comma (Excel or LibreOffice set to German)")),
    SelectChoice(",", _l("Comma, decimal point (Excel or LibreOffice set to English)")),
]


class FundingReportForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: the choice is part of the address, so it can be bookmarked

    grant = RecordField(_l("Grant"), choices=grant_choices)
    programme = RecordField(
        _l("…or a funding programme"),
        choices=programme_choices,
        description=_l("Its grants and the aid deliveries it paid."),
    )
    funder = RecordField(
        _l("…or a funder"),
        choices=funder_choices,
        description=_l(
            "Its grants and the aid deliveries it or its programmes paid. Leave all three "
            "empty for every grant and every aid delivery with a known payer."
        ),
    )
    date_from = FuzzyDateField(
        _l("From"), name="from", description=_l("e.g. 2023, Q3 2023 or 01.09.2023; empty: open")
    )
    date_to = FuzzyDateField(
        _l("To"), name="to", description=_l("e.g. 2023 or 31.12.2023; empty: open")
    )
    delimiter = SelectField(
        _l("CSV files for"), choices=DELIMITER_CHOICES, default=default_delimiter
    )

    def validate_grant(self, field):
        if field.data is None or (self.funder.data is None and self.programme.data is None):
            return
        grant = db.session.get(Grant, field.data)
        if grant is None:
            return
        if self.programme.data is not None and grant.programme_id != self.programme.data:
            raise ValidationError(_("This grant is not from the chosen programme."))
        if self.funder.data is not None and grant.funder_id != self.funder.data:
            raise ValidationError(_("This grant is not from the chosen funder."))

    def validate_programme(self, field):
        if field.data is None or self.funder.data is None:
            return
        programme = db.session.get(Programme, field.data)
        if programme is not None and programme.funder_id != self.funder.data:
            raise ValidationError(_("This programme belongs to another funder."))

    def validate_date_to(self, field):
        start, end = self.date_from.data, field.data
        if start is not None and end is not None and end.end < start.start:
            raise ValidationError(_("The period cannot end before it starts."))

    def selection(self) -> FundingSelection:
        """Return what the validated form asks for."""
        grant = db.session.get(Grant, self.grant.data) if self.grant.data else None
        programme = db.session.get(Programme, self.programme.data) if self.programme.data else None
        funder = db.session.get(Organisation, self.funder.data) if self.funder.data else None
        return FundingSelection.build(
            grant=grant,
            programme=programme,
            funder=funder,
            start=self.date_from.data.start if self.date_from.data else None,
            end=self.date_to.data.end if self.date_to.data else None,
        )
