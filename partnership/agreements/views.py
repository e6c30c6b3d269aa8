"""Pages for agreements."""

from flask import Blueprint, request

from partnership.agreements import forms, services
from partnership.agreements.models import Agreement
from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.events.queries import event_list
from partnership.events.views import EVENT_COLUMNS, event_delete_warnings
from partnership.formatting import format_day

bp = Blueprint("agreements", __name__, url_prefix="/agreements")


def prefill_from_visit(form) -> None:
    """Open the form from a visit's page with that visit already chosen."""
    if visit_id := request.args.get("visit", type=int):
        form.signed_during_id.data = visit_id


register_pages(
    bp,
    EntityPages(
        model=Agreement,
        singular="Agreement",
        plural="Agreements",
        form_class=forms.AgreementForm,
        list_query=event_list(Agreement),
        columns=[
            *EVENT_COLUMNS,
            ListColumn("Kind", lambda a: a.agreement_kind),
            ListColumn("Parties", lambda a: ", ".join(str(p.party) for p in a.parties)),
            ListColumn("Valid until", lambda a: format_day(a.valid_until)),
        ],
        save=services.save_agreement,
        load_form=services.load_agreement_form,
        prefill_form=prefill_from_visit,
        delete_blockers=blocking_references,
        delete_warnings=event_delete_warnings,
        search_hint="title, summary or partner city",
    ),
)
