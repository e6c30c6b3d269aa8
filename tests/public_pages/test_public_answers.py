"""What the public pages answer: cacheable and cookie-free, in the reader's language, with
the funder's statement where a grant asks for one, feeds that parse, and a 404 that names
nothing."""

from decimal import Decimal
from xml.etree import ElementTree

import icalendar
from sqlalchemy import select

from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent, Programme
from partnership.partners.models import City, Partnership

from .conftest import event_page, public_page

ATOM = "{http://www.w3.org/2005/Atom}"
CERV_EN = "Co-funded by the European Union"


def test_answers_are_cacheable_revalidate_and_set_no_cookie(editor, public_ids):
    url = event_page(public_ids["partnership"], public_ids["event"])

    # Even a logged-in user gets the page anyone gets: no session read, none refreshed.
    first = editor.get(url, headers={"Accept-Language": "de"})

    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert first.headers["Vary"] == "Accept-Language"
    assert "Set-Cookie" not in first.headers
    assert first.headers["ETag"].startswith('W/"')
    assert 'name="csrf_token"' not in first.text and "Log out" not in first.text
    assert '<html lang="de">' in first.text

    again = editor.get(
        url, headers={"If-None-Match": first.headers["ETag"], "Accept-Language": "de"}
    )
    assert again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"] == "public, max-age=300"

    english = editor.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert english.status_code == 200 and english.headers["ETag"] != first.headers["ETag"]


def test_the_language_is_in_the_address_else_the_browsers(client, public_ids):
    url = public_page(public_ids["partnership"])

    by_browser = client.get(url, headers={"Accept-Language": "uk, en;q=0.5"})
    chosen = client.get(f"{url}?lang=de", headers={"Accept-Language": "uk"})

    assert '<html lang="uk">' in by_browser.text and "Дортмунд – Житомир" in by_browser.text
    assert '<html lang="de">' in chosen.text and "Dortmund – Schytomyr" in chosen.text
    # The choice is kept in the page's links: every language has its own addresses.
    assert f'href="/public/partnerships/{public_ids["partnership"]}/events/' in chosen.text
    assert f'/events/{public_ids["event"]}?lang=de"' in chosen.text
    assert (
        'href="/public/partnerships/{}?lang=en" lang="en"'.format(public_ids["partnership"])
        in chosen.text
    )
    assert "Schytomyrer Delegation zu Gast in Dortmund" in chosen.text
    assert "<form" not in chosen.text


def _fund_with_cerv(app, event_id: int) -> None:
    with app.app_context():
        demo_grant = db.session.scalars(select(Grant)).first()
        programme = Programme(
            name="CERV town twinning", funder_id=demo_grant.funder_id, rule_set="cerv-town-twinning"
        )
        db.session.add(programme)
        db.session.flush()
        grant = Grant(
            reference="CERV-2023-TT",
            funder_id=demo_grant.funder_id,
            programme_id=programme.id,
            amount=Decimal("30000.00"),
        )
        db.session.add(grant)
        db.session.flush()
        db.session.add(GrantEvent(grant_id=grant.id, event_id=event_id))
        db.session.commit()


def test_the_funders_statement_shows_where_a_cerv_grant_pays(app, client, public_ids):
    url = event_page(public_ids["partnership"], public_ids["event"])
    # The demo's federal grant asks for no statement.
    before = client.get(url).text
    assert CERV_EN not in before and "eu-emblem.svg" not in before

    _fund_with_cerv(app, public_ids["event"])

    english = client.get(url).text
    assert CERV_EN in english and "/static/public/eu-emblem.svg" in english
    assert "Kofinanziert von der Europäischen Union" in client.get(f"{url}?lang=de").text
    assert "Співфінансовано Європейським Союзом" in client.get(f"{url}?lang=uk").text
    with client.get("/static/public/eu-emblem.svg") as emblem:
        assert emblem.status_code == 200 and emblem.mimetype == "image/svg+xml"


def test_the_calendar_holds_the_published_events_only(app, client, public_ids):
    partnership = public_ids["partnership"]

    answer = client.get(f"{public_page(partnership)}/calendar.ics")

    assert answer.status_code == 200 and answer.content_type.startswith("text/calendar")
    assert answer.headers["Cache-Control"] == "public, max-age=300"
    calendar = icalendar.Calendar.from_ical(answer.data)
    entries = list(calendar.walk("VEVENT"))
    assert [str(e["uid"]) for e in entries] == [f"public-event-{public_ids['event']}@partnership"]
    entry = entries[0]
    assert str(entry["summary"]) == "Delegation from Zhytomyr visits Dortmund"
    assert str(entry["url"]).endswith(event_page(partnership, public_ids["event"]))
    assert entry.decoded("dtstart").isoformat() == "2023-09-24"
    assert entry.decoded("dtend").isoformat() == "2023-09-30"
    assert str(entry["location"]) == "Dortmund"


def test_the_atom_feed_is_valid_and_lists_the_published_events(app, client, public_ids):
    partnership = public_ids["partnership"]

    answer = client.get(f"{public_page(partnership)}/feed.atom?lang=de")

    assert answer.status_code == 200 and answer.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(answer.data)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}title").text == "Partnerschaft Dortmund – Schytomyr"
    rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert rels["self"].endswith(f"{public_page(partnership)}/feed.atom?lang=de")
    assert rels["alternate"].endswith(f"{public_page(partnership)}?lang=de")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Schytomyrer Delegation zu Gast in Dortmund"
    ]
    entry = entries[0]
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(f"{event_page(partnership, public_ids['event'])}?lang=de")
    assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text
    page = client.get(public_page(partnership)).text
    assert 'rel="alternate" type="application/atom+xml"' in page
    assert 'rel="alternate" type="text/calendar"' in page


def test_unknown_and_unpublished_addresses_answer_the_same_404(app, client, public_ids):
    partnership = public_ids["partnership"]
    with app.app_context():
        amiens = db.session.scalars(
            select(Partnership)
            .join(City, City.id == Partnership.partner_city_id)
            .where(City.name == "Amiens")
        ).one()
        title = db.session.get(Event, public_ids["hidden"]).title
    addresses = [
        public_page(999_999),
        public_page(amiens.id),  # a partnership without a published event
        event_page(partnership, public_ids["hidden"]),
        event_page(amiens.id, public_ids["event"]),  # published, but another partnership's
        event_page(partnership, 999_999),
        f"{public_page(amiens.id)}/feed.atom",
        f"{public_page(partnership)}?page=99",
    ]
    answers = [client.get(url) for url in addresses]

    assert [a.status_code for a in answers] == [404] * len(addresses)
    bodies = {a.text.replace(a.request.path, "") for a in answers}
    assert all("There is no public page at this address." in body for body in bodies)
    assert all(title not in body and "Amiens" not in body for body in bodies)
    assert all(a.headers["Cache-Control"] == "no-store" for a in answers)
    assert all("Set-Cookie" not in a.headers for a in answers)
