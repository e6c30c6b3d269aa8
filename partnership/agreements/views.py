"""Pages for agreements."""

from flask import Blueprint, request

from partnership.agreements import forms
from partnership.agreements.entity import AGREEMENT
from partnership.events.views import EventPages
from partnership.routing import record_id

bp = Blueprint("agreements", __name__, url_prefix="/agreements")


class AgreementPages(EventPages):
    entity = AGREEMENT
    form_class = forms.AgreementForm

    def prefill(self, form) -> None:
        """Open the form from a visit's page with that visit already chosen."""
        if visit_id := request.args.get("visit", type=record_id):
            form.signed_during_id.data = visit_id


AgreementPages().register(bp)
