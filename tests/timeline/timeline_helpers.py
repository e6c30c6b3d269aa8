"""Read the timeline as a browser shows it, and make events for it."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from partnership.events.models import Event, Milestone, MilestoneKind, Topic
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
NEW_TAB_NOTE = "(opens in a new tab)"

DEMO_JUNE = "First visit from Dortmund to Zhytomyr"
DEMO_VISIT = "Delegation from Zhytomyr visits Dortmund"
DEMO_AGREEMENT = "Cooperation agreement with the Zhytomyr Volunteer Headquarter"
DEMO_EXCHANGE = "Young people from Zhytomyr visit Dortmund"
DEMO_TITLES = [DEMO_JUNE, DEMO_VISIT, DEMO_AGREEMENT, DEMO_EXCHANGE]
# The partnerships' stages and the aid delivery of the demo, which no press article reports.
DEMO_AMIENS = "Twinning with Amiens proclaimed"
DEMO_ROSTOV = "Council decides on the twinning with Rostov-on-Don"
DEMO_ROSTOV_SUSPENDED = "Exchanges with Rostov-on-Don suspended"
DEMO_DECISION = "Council decides on a solidarity partnership with Zhytomyr"
DEMO_SIGNED = "Solidarity partnership agreement signed online"
DEMO_AID = "Sewer-cleaning vehicle for Zhytomyr"
DEMO_TWINNING = "Zhytomyr becomes Dortmund's twin town"
# Every event of the demo, in timeline order.
DEMO_TIMELINE = [
    DEMO_AMIENS,
    DEMO_ROSTOV,
    DEMO_ROSTOV_SUSPENDED,
    DEMO_DECISION,
    DEMO_SIGNED,
    DEMO_JUNE,
    DEMO_VISIT,
    DEMO_AGREEMENT,
    DEMO_EXCHANGE,
    DEMO_AID,
    DEMO_TWINNING,
]
DEMO_ARTICLE = "Delegation aus Schytomyr besucht Dortmund"
DEMO_ARTICLE_URL = "https://www.dortmund.de/newsroom/"


@dataclass
class Entry:
    """One event as the timeline lists it."""

    classes: list[str]
    date: str = ""
    title: str = ""
    url: str = ""
    kind_line: str = ""
    press: list[dict] = field(default_factory=list)
    no_press: str = ""
    badge: str = ""
    add_press_links: list[str] = field(default_factory=list)

    @property
    def upcoming(self) -> bool:
        return "upcoming" in self.classes


class TimelinePage(HTMLParser):
    """Collect year headings, today markers and entries in the order they appear."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, object]] = []
        self.inputs: dict[str, dict] = {}
        self.links: list[dict] = []
        self.errors: list[str] = []
        self._stack: list[dict] = []
        self._entry: Entry | None = None
        self.feed(html)
        self.close()

    # -- what the page shows --------------------------------------------------------------

    @property
    def entries(self) -> list[Entry]:
        return [item for kind, item in self.items if kind == "entry"]

    @property
    def titles(self) -> list[str]:
        return [entry.title for entry in self.entries]

    @property
    def years(self) -> list[str]:
        return [item for kind, item in self.items if kind == "year"]

    @property
    def markers(self) -> list[str]:
        return [item for kind, item in self.items if kind == "marker"]

    def entry(self, title: str) -> Entry:
        found = [entry for entry in self.entries if entry.title == title]
        assert len(found) == 1, f"{title!r} is listed {len(found)} times in {self.titles}"
        return found[0]

    def sequence(self) -> list[str]:
        """Headings, markers and entry titles in page order, markers as 'TODAY'."""
        shown = []
        for kind, item in self.items:
            if kind == "entry":
                shown.append(item.title)
            elif kind == "marker":
                shown.append("TODAY")
            else:
                shown.append(f"YEAR {item}")
        return shown

    def link_with_text(self, text: str) -> dict:
        found = [link for link in self.links if link["text"] == text]
        assert found, f"no link {text!r} on the page"
        return found[0]

    # -- parsing ------------------------------------------------------------------------

    def _inside(self, css_class: str) -> bool:
        return any(css_class in element["classes"] for element in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        classes = attrs.get("class", "").split()
        if tag == "input" and attrs.get("id"):
            self.inputs[attrs["id"]] = attrs
        if tag in VOID_TAGS:
            return
        element = {"tag": tag, "classes": classes, "attrs": attrs, "key": None, "text": []}
        if tag == "li" and "entry" in classes:
            self._entry = Entry(classes=classes)
            self.items.append(("entry", self._entry))
        elif "today-marker" in classes:
            element["key"] = "marker"
        elif re.fullmatch(r"h\d", tag) and "year" in classes:
            element["key"] = "year"
        elif "entry-date" in classes:
            element["key"] = "date"
        elif "badge" in classes and self._inside("entry-date"):
            element["key"] = "badge"
        elif "entry-kind" in classes:
            element["key"] = "kind_line"
        elif "entry-no-press" in classes:
            element["key"] = "no_press"
        elif tag == "a" and self._inside("entry-title"):
            element["key"] = "title"
            self._entry.url = attrs.get("href", "")
        elif tag == "a" and self._inside("entry-press"):
            element["key"] = "press"
        elif tag == "a" and self._inside("entry-no-press"):
            self._entry.add_press_links.append(attrs.get("href", ""))
        elif tag == "p" and "error" in classes:
            element["key"] = "error"
        if tag == "a":
            element["link"] = True
        self._stack.append(element)

    def handle_data(self, data):
        for element in self._stack:
            element["text"].append(data)

    def handle_endtag(self, tag):
        while self._stack:
            element = self._stack.pop()
            self._finish(element)
            if element["tag"] == tag:
                break

    def _finish(self, element):
        text = " ".join("".join(element["text"]).split())
        if element.get("link"):
            self.links.append({**element["attrs"], "text": text})
        key = element["key"]
        if key is None:
            return
        if key == "marker":
            self.items.append(("marker", text))
        elif key == "year":
            self.items.append(("year", text))
        elif key == "error":
            self.errors.append(text)
        elif key == "date":
            self._entry.date = text.removesuffix(self._entry.badge).strip()
        elif key == "press":
            shown = text.removesuffix(NEW_TAB_NOTE).strip()
            self._entry.press.append({**element["attrs"], "text": shown})
        else:
            setattr(self._entry, key, text)


def page(response) -> TimelinePage:
    assert response.status_code == 200, response.status_code
    return TimelinePage(response.get_data(as_text=True))


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# -- records --------------------------------------------------------------------------------


def city_id(name: str) -> int:
    return db.session.scalars(select(City.id).where(City.name == name)).one()


def event_id(title: str) -> int:
    return db.session.scalars(select(Event.id).where(Event.title == title)).one()


def topic_id(name: str) -> int:
    return db.session.scalars(select(Topic.id).where(Topic.name == name)).one()


def add_city(name: str, country_code: str = "GB") -> int:
    from partnership.partners.services import set_city_names

    city = City(name=name, country_code=country_code)
    set_city_names(city, name, [])
    db.session.add(city)
    db.session.commit()
    return city.id


def add_milestone(
    title: str, when: str, city: str | None = None, summary: str = "", topics: tuple[str, ...] = ()
) -> int:
    """Store a milestone directly; call inside an app context."""
    milestone = Milestone(
        title=title,
        milestone_kind=MilestoneKind.MEETING,
        date=parse_fuzzy_date(when),
        summary=summary,
        partner_city_id=city_id(city) if city else None,
    )
    milestone.topics = [
        db.session.scalars(select(Topic).where(Topic.name == t)).one() for t in topics
    ]
    db.session.add(milestone)
    db.session.commit()
    return milestone.id


def post_milestone(client, title: str, when: str, **fields) -> int:
    """Record a milestone through its form, as an editor would; return its id."""
    data = {
        "title": title,
        "partner_city_id": "",
        "summary": "",
        "date": when,
        "milestone_kind": "meeting",
        "place": "",
        "notes": "",
        **fields,
    }
    response = client.post("/milestones/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    location = response.headers["Location"]
    match = re.fullmatch(r"/milestones/(\d+)", urlsplit(location).path)
    assert match, location
    return int(match[1])
