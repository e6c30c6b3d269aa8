"""Pages for press articles."""

from flask import Blueprint
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.formatting import format_day
from partnership.press.forms import PressArticleForm
from partnership.press.models import PressArticle
from partnership.press.services import load_article_form, prefill_from_event, save_article

bp = Blueprint("press", __name__, url_prefix="/press")


def article_list(text: str) -> Select:
    query = (
        select(PressArticle)
        .options(selectinload(PressArticle.events))
        .order_by(PressArticle.published_on.desc(), PressArticle.id.desc())
    )
    if text:
        pattern = f"%{text}%"
        query = query.where(
            or_(PressArticle.title.ilike(pattern), PressArticle.outlet.ilike(pattern))
        )
    return query


register_pages(
    bp,
    EntityPages(
        model=PressArticle,
        singular="Press article",
        plural="Press articles",
        form_class=PressArticleForm,
        list_query=article_list,
        columns=[
            ListColumn("Outlet", lambda a: a.outlet),
            ListColumn("Published", lambda a: format_day(a.published_on)),
            ListColumn("Events", lambda a: len(a.events)),
        ],
        save=save_article,
        load_form=load_article_form,
        prefill_form=prefill_from_event,
        search_hint="title or outlet",
    ),
)
