"""Pages for planned exchanges."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.events.queries import event_list
from partnership.events.services import load_event_form
from partnership.events.views import EVENT_COLUMNS, event_delete_warnings
from partnership.exchanges import entity  # noqa: F401  (describes the area)
from partnership.exchanges.forms import ExchangeForm
from partnership.exchanges.models import PlannedExchange
from partnership.exchanges.services import save_exchange
from partnership.labels import label

bp = Blueprint("exchanges", __name__, url_prefix="/exchanges")


register_pages(
    bp,
    EntityPages(
        model=PlannedExchange,
        singular=_l("Planned exchange"),
        plural=_l("Planned exchanges"),
        form_class=ExchangeForm,
        list_query=event_list(PlannedExchange),
        columns=[
            *EVENT_COLUMNS,
            ListColumn(_l("What"), lambda x: label(x.exchange_kind)),
            ListColumn(_l("Direction"), lambda x: label(x.direction)),
            ListColumn(_l("Status"), lambda x: label(x.status)),
        ],
        save=save_exchange,
        load_form=load_event_form,
        delete_blockers=blocking_references,
        delete_warnings=event_delete_warnings,
        search_hint=_l("title, summary or partner city"),
    ),
)
