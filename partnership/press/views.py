"""Pages for press articles."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.formatting import format_day
from partnership.press.forms import PressArticleForm
from partnership.press.models import PressArticle
from partnership.press.queries import article_list
from partnership.press.services import load_article_form, prefill_from_event, save_article

bp = Blueprint("press", __name__, url_prefix="/press")


register_pages(
    bp,
    EntityPages(
        model=PressArticle,
        singular=_l("Press article"),
        plural=_l("Press articles"),
        form_class=PressArticleForm,
        list_query=article_list,
        columns=[
            ListColumn(_l("Outlet"), lambda a: a.outlet),
            ListColumn(_l("Published"), lambda a: format_day(a.published_on)),
            ListColumn(_l("Events"), lambda a: len(a.events)),
        ],
        save=save_article,
        load_form=load_article_form,
        prefill_form=prefill_from_event,
        search_hint=_l("title or outlet"),
    ),
)
