"""Press articles, described once for every shared feature."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from partnership.formatting import format_day
from partnership.imports import matching
from partnership.imports.columns import Column
from partnership.imports.schemas import NOTES, NOTES_LENGTH, ImportSpec
from partnership.imports.values import Day, Refs, Text, WebAddress
from partnership.press import queries, services
from partnership.press.models import PressArticle
from partnership.records.entity import Entity, ListColumn, NavPlace, register

ARTICLE = register(
    Entity(
        name="press",
        model=PressArticle,
        singular=_l("Press article"),
        plural=_l("Press articles"),
        fields={
            "title": _l("Title"),
            "url": _l("Web address"),
            "outlet": _l("Outlet"),
            "published_on": _l("Published on"),
            "language": _l("Language"),
            "section": _l("Section"),
            "tags": _l("Tags"),
            "event_ids": _l("Events"),
            "notes": _l("Notes"),
        },
        list_query=queries.article_list,
        columns=(
            ListColumn(_l("Outlet"), lambda a: a.outlet),
            ListColumn(_l("Published"), lambda a: format_day(a.published_on)),
            ListColumn(_l("Events"), lambda a: len(a.events)),
        ),
        values=services.ArticleValues,
        save=services.save_article,
        read=services.read_article,
        referred=lambda n, **f: ngettext(
            "%(num)d press article refers to it as %(field)s.",
            "%(num)d press articles refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("record", 50),
        search_hint=_l("title or outlet"),
        search_detail=lambda a: a.outlet,
        importer=ImportSpec(
            index=matching.ArticleIndex,
            load_options=(selectinload(PressArticle.events),),
            columns=(
                Column("Title", Text(500), "title", ("Titel", "Überschrift", "Headline"), True),
                Column(
                    "URL", WebAddress(), "url", ("Link", "Web address", "Webadresse", "Adresse")
                ),
                Column("Outlet", Text(300), "outlet", ("Medium", "Quelle", "Source", "Zeitung")),
                Column(
                    "Published on",
                    Day(),
                    "published_on",
                    ("Published", "Date", "Datum", "Erschienen am", "Veröffentlicht am"),
                ),
                Column("Language", Text(16), "language", ("Sprache",)),
                Column("Section", Text(200), "section", ("Rubrik", "Ressort")),
                Column("Tags", Text(500), "tags", ("Schlagwörter", "Schlagworte", "Stichwörter")),
                Column(
                    "Events",
                    Refs("event", "|", " | "),
                    "event_ids",
                    ("Ereignisse", "Reports on"),
                ),
                Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
            ),
        ),
        link_tables=("event_press_article",),
    )
)
