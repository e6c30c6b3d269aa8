"""Titles and summaries of an event in more languages: which one a reader sees, how the office
writes them, and how search finds them.

An event's own title and summary are written in the office's usual language; an `EventText`
holds them in one more language. A reader whose interface language has such a text sees it
instead; everyone else sees the event's own words.
"""

from dataclasses import dataclass

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy import event as orm_event
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from partnership.events.models import Event, EventText
from partnership.events.services import SUMMARY_LENGTH, TITLE_LENGTH, too_long
from partnership.extensions import db
from partnership.i18n import LANGUAGES, current_language
from partnership.records.values import Invalid
from partnership.text import search_key

# The texts of this many events are read by one query at most (an IN list stays short).
BATCH = 500


# Choosing the words a reader sees ------------------------------------------------------------


def text_for(event: Event, language: str | None = None) -> EventText | None:
    """The event's title and summary in `language` (the reader's by default), if written."""
    language = language or current_language()
    _load_texts_of_page(event)
    return next((text for text in event.texts if text.language == language), None)


def event_title(record) -> str:
    """The title in the reader's language where the office wrote one; any other record (a
    detail page's heading names cities and contacts too) reads as itself."""
    if not isinstance(record, Event):
        return str(record)
    text = text_for(record)
    return text.title if text else record.title


def event_summary(event: Event) -> str:
    """The summary in the reader's language; the event's own where that text has none."""
    text = text_for(event)
    return text.summary if text and text.summary else event.summary


def page_texts(events, language: str | None = None) -> dict[int, tuple[str, str]]:
    """The title and summary each of `events` shows in `language`, by event id: for a page of
    entries at once, without asking for the reader's language once per event."""
    language = language or current_language()
    shown = {}
    for event in events:
        _load_texts_of_page(event)  # one query for the page's events, when not loaded
        text = next((t for t in event.texts if t.language == language), None)
        if text is None:
            shown[event.id] = (event.title, event.summary)
        else:
            shown[event.id] = (text.title, text.summary or event.summary)
    return shown


def _load_texts_of_page(event: Event) -> None:
    """Load the texts of every event the page has loaded, in one query, when `event`'s are not.

    The timeline, home and city pages load texts with their events (`with_event_details`);
    other lists of events (a delegation's visits, a grant's events, search hits) are served
    here, so no page asks once per event.
    """
    state = inspect(event)
    if "texts" in state.dict or state.key is None or state.session is None:
        return
    session = state.session
    # Ids read from the identity keys: an expired event would reload itself to tell its id.
    waiting = {
        key[1][0]: obj
        for key, obj in session.identity_map.items()
        if isinstance(obj, Event) and "texts" not in inspect(obj).dict
    }
    own_id = state.key[1][0]
    ids = [own_id, *(i for i in waiting if i != own_id)][:BATCH]
    found: dict[int, list[EventText]] = {i: [] for i in ids}
    query = select(EventText).where(EventText.event_id.in_(ids)).order_by(EventText.language)
    with session.no_autoflush:
        for text in session.scalars(query):
            found[text.event_id].append(text)
    for event_id, texts in found.items():
        set_committed_value(waiting.get(event_id, event), "texts", texts)


# Writing them --------------------------------------------------------------------------------


@dataclass
class EventTextValues:
    language: str
    title: str
    summary: str = ""


def language_choices() -> list[tuple[str, str]]:
    """The languages a text may be written in: those the interface speaks."""
    return list(LANGUAGES.items())


def save_event_text(event: Event, values: EventTextValues) -> EventText:
    """Give `event` its title and summary in one more language, replacing what that language
    had; raise Invalid, changing nothing, when a value breaks a rule."""
    errors = {}
    language = (values.language or "").strip()
    if language not in LANGUAGES:
        errors["language"] = _("Choose one of the offered languages.")
    title = (values.title or "").strip()
    summary = (values.summary or "").strip()
    if not title:
        errors["title"] = _("Enter a title.")
    elif len(title) > TITLE_LENGTH:
        errors["title"] = too_long(TITLE_LENGTH)
    if len(summary) > SUMMARY_LENGTH:
        errors["summary"] = too_long(SUMMARY_LENGTH)
    if errors:
        raise Invalid(errors)
    current = text_for(event, language)
    if current is not None:
        if (current.title, current.summary) == (title, summary):
            return current
        # Replaced rather than changed in place, so the event's history shows the old title
        # and the new one; the old row goes first, since a language has one text per event.
        event.texts.remove(current)
        db.session.flush()
    text = EventText(language=language, title=title, summary=summary)
    event.texts.append(text)
    return text


def remove_event_text(text: EventText) -> None:
    """Take one language's title and summary off its event (the event's history keeps it)."""
    text.event.texts.remove(text)


# Searching them ------------------------------------------------------------------------------


def searched_words(event: Event, leaving_out=()) -> str:
    """The folded text search reads for `event`: its own fields and every other language's."""
    event.refresh_search_text()
    texts = [t for t in event.texts if t not in leaving_out]
    words = [event.search_text, *(f"{t.title} {t.summary or ''}" for t in texts)]
    return search_key(" ".join(words))


@orm_event.listens_for(Session, "before_flush")
def _search_other_languages(session: Session, _context, _instances) -> None:
    # Runs after the shared Searchable hook (registered on import of the models), which
    # knows only an event's own columns: the title in German must find the event too.
    changed_texts = [
        obj
        for obj in (*session.new, *session.dirty, *session.deleted)
        if isinstance(obj, EventText)
    ]
    with session.no_autoflush:
        events = {obj for obj in (*session.new, *session.dirty) if isinstance(obj, Event)}
        events.update(text.event for text in changed_texts if text.event is not None)
        for event in events:
            if event in session.deleted:
                continue
            if inspect(event).key is None and not event.texts:
                continue  # a new event without texts: the shared hook's text is complete
            event.search_text = searched_words(event, leaving_out=session.deleted)


# Templates -----------------------------------------------------------------------------------


def empty_text_form():
    """The empty form for a title and summary in another language, for an event's page."""
    from partnership.events.text_views import TEXTS

    return TEXTS.empty_form()


def init_app(app: Flask) -> None:
    app.add_template_global(event_title)
    app.add_template_global(event_summary)
    app.add_template_global(empty_text_form, "event_text_form")
    app.add_template_global(language_choices)
    app.add_template_filter(lambda code: LANGUAGES.get(code, code), "language_name")
