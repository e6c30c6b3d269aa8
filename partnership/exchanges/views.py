"""Pages for planned exchanges."""

from flask import Blueprint

from partnership.events.views import EventPages
from partnership.exchanges.entity import EXCHANGE
from partnership.exchanges.forms import ExchangeForm

bp = Blueprint("exchanges", __name__, url_prefix="/exchanges")


class ExchangePages(EventPages):
    entity = EXCHANGE
    form_class = ExchangeForm


ExchangePages().register(bp)
