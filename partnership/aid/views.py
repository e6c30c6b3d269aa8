"""Pages for aid deliveries."""

from flask import Blueprint

from partnership.aid.entity import AID
from partnership.aid.forms import AidForm
from partnership.events.views import EventPages

bp = Blueprint("aid", __name__, url_prefix="/aid")


class AidPages(EventPages):
    entity = AID
    form_class = AidForm


AidPages().register(bp)
