"""Pages for planned exchanges."""

from flask import Blueprint

from partnership.events.views import event_delete_warnings
from partnership.exchanges.entity import EXCHANGE
from partnership.exchanges.forms import ExchangeForm
from partnership.records.pages import RecordPages

bp = Blueprint("exchanges", __name__, url_prefix="/exchanges")


class ExchangePages(RecordPages):
    entity = EXCHANGE
    form_class = ExchangeForm

    def delete_warnings(self, exchange) -> list[str]:
        return event_delete_warnings(exchange)


ExchangePages().register(bp)
