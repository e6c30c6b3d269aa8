"""Pages for agreements."""

from flask import Blueprint, request
from flask_babel import lazy_gettext as _l

from partnership.agreements import (
    entity,  # noqa: F401  (describes the area)
    forms,
    services,
)
from partnership.agreements.models import Agreement
from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.events.queries import event_list
from partnership.events.views import EVENT_COLUMNS, event_delete_warnings
from partnership.formatting import format_day
from partnership.labels import label
from partnership.routing import record_id

bp = Blueprint("agreements", __name__, url_prefix="/agreements")


def prefill_from_visit(form) -> None:
    """Open the form from a visit's page with that visit already chosen."""
    if visit_id := request.args.get("visit", type=record_id):
        form.signed_during_id.data = visit_id


register_pages(
    bp,
    EntityPages(
        model=Agreement,
        singular=_l("Agreement"),
        plural=_l("Agreements"),
        form_class=forms.AgreementForm,
        list_query=event_list(Agreement),
        columns=[
            *EVENT_COLUMNS,
            ListColumn(_l("Kind"), lambda a: label(a.agreement_kind)),
            ListColumn(_l("Parties"), lambda a: ", ".join(str(p.party) for p in a.parties)),
            ListColumn(_l("Valid until"), lambda a: format_day(a.valid_until)),
        ],
        save=services.save_agreement,
        load_form=services.load_agreement_form,
        prefill_form=prefill_from_visit,
        delete_blockers=blocking_references,
        delete_warnings=event_delete_warnings,
        search_hint=_l("title, summary or partner city"),
    ),
)
