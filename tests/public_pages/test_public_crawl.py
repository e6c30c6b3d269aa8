"""Walk the demo's public pages logged out, as a stranger would: every link answers, none
leads to a login, and nothing personal or unpublished is in any answer."""

import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlsplit

from sqlalchemy import select

from partnership.auth.models import User
from partnership.documents.models import Document
from partnership.events.models import Event, EventText
from partnership.extensions import db
from partnership.funding.models import Participant
from partnership.partners.models import Partnership
from partnership.people.models import Contact

from .conftest import public_page

LINK = re.compile(r'(?:href|src)="([^"]+)"')
# A page of this size is plenty; a crawl that goes further has found a loop.
MAX_ANSWERS = 200


def forbidden_words(app) -> dict[str, str]:
    """What no public answer may contain, and why."""
    with app.app_context():
        words = {}
        for contact in db.session.scalars(select(Contact)):
            words[contact.name] = "a contact's name"
            for value in (contact.email, getattr(contact, "phone", "")):
                if value:
                    words[value] = "a contact's details"
        for participant in db.session.scalars(select(Participant)):
            words[participant.display_name] = "a participant's name"
        for partnership in db.session.scalars(select(Partnership)):
            words[partnership.notes[:60]] = "a partnership's notes"
        for user in db.session.scalars(select(User)):
            words[user.email] = "a user's e-mail"
            if user.name:
                words[user.name] = "a user's name"
        for event in db.session.scalars(select(Event).where(Event.published.is_(False))):
            words[event.title] = "an unpublished event's title"
            if event.notes:
                words[event.notes[:60]] = "an event's notes"
        hidden_texts = select(EventText).join(Event).where(Event.published.is_(False))
        for text in db.session.scalars(hidden_texts):
            words[text.title] = "an unpublished event's title in another language"
        for document in db.session.scalars(select(Document)):
            words[document.filename] = "a document's file name"
            if not document.public:
                words[document.caption] = "a document not public"
        # Notes of the published events are the office's own, never public.
        for event in db.session.scalars(select(Event).where(Event.published.is_(True))):
            if event.notes:
                words[event.notes[:60]] = "an event's notes"
        return {word: why for word, why in words.items() if word and len(word) > 3}


def hidden_document_ids(app) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(Document.id).where(Document.public.is_(False))))


def crawl(client, start: str) -> dict[str, object]:
    """Every same-origin address reachable from `start`, with its answer."""
    seen, answers = {start}, {}
    waiting = deque([start])
    while waiting:
        url = waiting.popleft()
        with client.get(url) as response:
            response.get_data()  # read, so that a static file is closed
        answers[url] = response
        assert len(answers) < MAX_ANSWERS, "the public pages link to ever more addresses"
        if "html" not in response.content_type and "xml" not in response.content_type:
            continue
        for link in LINK.findall(response.get_data(as_text=True)):
            target = urljoin(url, unescape(link))
            parts = urlsplit(target)
            if parts.netloc not in ("", "localhost"):
                continue  # a press article elsewhere on the web
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                seen.add(local)
                waiting.append(local)
    return answers


def test_a_stranger_reaches_only_public_answers_with_nothing_personal(app, client, public_ids):
    answers = crawl(client, public_page(public_ids["partnership"]))

    kinds = {response.content_type.split(";")[0] for response in answers.values()}
    assert {"text/html", "text/calendar", "application/atom+xml", "image/jpeg"} <= kinds
    assert any("lang=uk" in url for url in answers), "the language links were not followed"
    forbidden = forbidden_words(app)
    hidden_ids = hidden_document_ids(app)
    assert forbidden and hidden_ids
    for url, response in answers.items():
        assert response.status_code in (200, 304), (url, response.status_code)
        assert "Set-Cookie" not in response.headers, url
        if "/static/" in url or response.content_type.startswith("image/"):
            continue
        text = response.get_data(as_text=True)
        assert 'type="password"' not in text and "/login" not in text, url
        leaks = {why for word, why in forbidden.items() if word in text}
        assert not leaks, (url, leaks)
        for document_id in hidden_ids:
            assert f"/photos/{document_id}" not in text, url
    # The photo the demo marks public is there; the signed list is not reachable.
    assert any(re.search(r"/photos/\d+$", url) for url in answers)
    for document_id in hidden_ids:
        url = f"{public_page(public_ids['partnership'])}/photos/{document_id}"
        assert client.get(url).status_code == 404, url
