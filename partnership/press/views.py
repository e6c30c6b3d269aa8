"""Pages for press articles."""

from flask import Blueprint, request

from partnership.press.entity import ARTICLE
from partnership.press.forms import PressArticleForm
from partnership.records.pages import RecordPages
from partnership.routing import record_id

bp = Blueprint("press", __name__, url_prefix="/press")


class ArticlePages(RecordPages):
    entity = ARTICLE
    form_class = PressArticleForm

    def prefill(self, form) -> None:
        """Open the form from an event's page with that event already linked."""
        if event_id := request.args.get("event", type=record_id):
            form.event_ids.data = [event_id]


ArticlePages().register(bp)
