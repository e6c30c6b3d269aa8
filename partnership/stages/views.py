"""Pages for the stages of partnerships."""

from flask import Blueprint, request

from partnership.events.views import EventPages
from partnership.routing import record_id
from partnership.stages import forms
from partnership.stages.entity import STAGE

bp = Blueprint("stages", __name__, url_prefix="/stages")


class StagePages(EventPages):
    entity = STAGE
    form_class = forms.StageForm

    def prefill(self, form) -> None:
        """Open the form from a partnership's page with that partnership already chosen."""
        if partnership_id := request.args.get("partnership", type=record_id):
            form.partnership_id.data = partnership_id


StagePages().register(bp)
