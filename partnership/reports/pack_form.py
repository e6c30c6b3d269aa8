"""The choice of a report pack: the grant, the period (the grant's own when empty), the CSV
separator. A GET form, so a pack's page can be bookmarked and linked."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from partnership.extensions import db
from partnership.forms import FuzzyDateField, RecordField
from partnership.funding.models import Grant
from partnership.reports.forms import DELIMITER_CHOICES, default_delimiter, grant_choices


class PackForm(FlaskForm):
    class Meta:
        csrf = False

    grant = RecordField(_l("Grant"), choices=grant_choices, required=True)
    period = FuzzyDateField(
        _l("Period"),
        description=_l("e.g. 2023, Q3 2023 or 01.06.2023–31.03.2024; empty: the grant's period"),
    )
    delimiter = SelectField(
        _l("CSV files for"), choices=DELIMITER_CHOICES, default=default_delimiter
    )

    def chosen_grant(self) -> Grant | None:
        return db.session.get(Grant, self.grant.data) if self.grant.data else None

    def period_bounds(self) -> tuple:
        """(start, end) of the typed period; (None, None) for the grant's own."""
        typed = self.period.data
        return (typed.start, typed.end) if typed is not None else (None, None)
