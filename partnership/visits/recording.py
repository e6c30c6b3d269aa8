"""Record a visit with its delegation, members, topics and press article in one go."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.events.models import Topic
from partnership.events.services import topic_named
from partnership.extensions import db
from partnership.formatting import format_fuzzy
from partnership.fuzzydate import FuzzyDate
from partnership.partners.models import City
from partnership.people.services import read_contact, save_contact
from partnership.press.models import PressArticle
from partnership.press.services import ArticleValues, save_article
from partnership.records.values import Invalid, changed
from partnership.visits import services
from partnership.visits.models import Delegation, Direction, Visit, VisitStatus

ROLE_SEPARATORS = (" – ", " — ", " - ", ", ")
# Fields of a delegation's and an article's values, as the recording form names them.
DELEGATION_FIELDS = {"name": "delegation_name"}
ARTICLE_FIELDS = {
    "title": "article_title",
    "url": "article_url",
    "outlet": "article_outlet",
    "published_on": "article_published_on",
}


def parse_member_line(line: str) -> tuple[str, str]:
    """Split 'Name – role' into name and role; a line without a separator is just a name."""
    for separator in ROLE_SEPARATORS:
        name, found, role = line.partition(separator)
        if found and name.strip():
            return name.strip(), role.strip()
    return line.strip(), ""


@dataclass
class RecordedVisit:
    """A visit as recorded the day it happens, with who travelled and what the press wrote."""

    title: str
    date: FuzzyDate | None = None
    direction: Direction | None = None
    partner_city_id: int | None = None
    host_city_id: int | None = None
    occasion: str = ""
    status: VisitStatus = VisitStatus.DONE
    first_official: bool = False
    summary: str = ""
    topic_ids: list[int] = field(default_factory=list)
    # New topics' names, separated by commas.
    new_topics: str = ""
    programme: tuple[str, ...] = ()
    # An existing delegation, or a new one described by the fields after it.
    delegation_id: int | None = None
    delegation_name: str = ""
    origin_city_id: int | None = None
    origin_organisation_id: int | None = None
    head_id: int | None = None
    size: int | None = None
    member_ids: list[int] = field(default_factory=list)
    # One new person per line: "Name – role".
    new_members: tuple[str, ...] = ()
    article_url: str = ""
    article_title: str = ""
    article_outlet: str = ""
    article_published_on: datetime.date | None = None


def record_visit(recorded: RecordedVisit) -> Visit:
    """Create the visit and everything `recorded` describes; the caller commits."""
    _check(recorded)
    visit = Visit()
    delegation = _new_delegation(recorded) if recorded.delegation_id is None else None
    if delegation is not None:
        db.session.flush()
    services.save_visit(
        visit,
        services.VisitValues(
            title=recorded.title,
            date=recorded.date,
            direction=recorded.direction,
            host_city_id=recorded.host_city_id,
            partner_city_id=recorded.partner_city_id,
            delegation_id=delegation.id if delegation else recorded.delegation_id,
            occasion=recorded.occasion,
            status=recorded.status,
            first_official=recorded.first_official,
            summary=recorded.summary,
            programme=recorded.programme,
            topic_ids=_topic_ids(recorded.topic_ids, recorded.new_topics),
        ),
    )
    db.session.add(visit)
    db.session.flush()
    if (recorded.article_title or "").strip():
        _add_article(recorded, visit)
        db.session.flush()
    return visit


def _check(recorded: RecordedVisit) -> None:
    errors = {}
    if recorded.delegation_id is not None and _describes_delegation(recorded):
        errors["delegation_name"] = _(
            "Pick an existing delegation or describe a new one, not both."
        )
    has_article = any(
        (recorded.article_url, recorded.article_outlet, recorded.article_published_on)
    )
    if has_article and not (recorded.article_title or "").strip():
        errors["article_title"] = _("Give the article's title, or leave all article fields empty.")
    if errors:
        raise Invalid(errors)


def _describes_delegation(recorded: RecordedVisit) -> bool:
    return any(
        (
            (recorded.delegation_name or "").strip(),
            recorded.origin_city_id,
            recorded.origin_organisation_id,
            recorded.head_id,
            recorded.size,
            recorded.member_ids,
            recorded.new_members,
        )
    )


def _topic_ids(ids: list[int], new_names: str) -> list[int]:
    """The chosen topics' ids and those of the new ones, created or brought back as needed."""
    chosen = list(ids or [])
    known = {
        name.casefold()
        for name in db.session.scalars(select(Topic.name).where(Topic.id.in_(chosen)))
    }
    named = {}
    for name in (part.strip() for part in (new_names or "").split(",")):
        if name and name.casefold() not in known | named.keys():
            named[name.casefold()] = topic_named(name)
    if named:
        db.session.flush()
    return list(dict.fromkeys([*chosen, *(topic.id for topic in named.values())]))


def _new_delegation(recorded: RecordedVisit) -> Delegation | None:
    if not _describes_delegation(recorded):
        return None
    delegation = Delegation()
    values = services.DelegationValues(
        name=(recorded.delegation_name or "").strip() or _default_name(recorded),
        origin_city_id=recorded.origin_city_id,
        origin_organisation_id=recorded.origin_organisation_id,
        head_id=recorded.head_id,
        size=recorded.size,
    )
    with _named_as_on_the_form(DELEGATION_FIELDS):
        services.save_delegation(delegation, values)
    db.session.add(delegation)
    for contact_id in dict.fromkeys(recorded.member_ids or []):
        services.add_member(delegation, services.MemberValues(contact_id=contact_id))
    for line in recorded.new_members:
        name, role = parse_member_line(line)
        member = services.add_member(
            delegation, services.MemberValues(new_contact_name=name, role=role)
        )
        # Someone first met in a delegation is known by the role they had in it.
        contact = member.contact
        save_contact(contact, changed(read_contact(contact), role_title=role))
    return delegation


def _default_name(recorded: RecordedVisit) -> str:
    origin = db.session.get(City, recorded.origin_city_id) if recorded.origin_city_id else None
    dates = format_fuzzy(recorded.date)
    if origin is None:
        return _("Delegation, %(dates)s", dates=dates)
    return _("Delegation of %(city)s, %(dates)s", city=origin.name, dates=dates)


def _add_article(recorded: RecordedVisit, visit: Visit) -> PressArticle:
    article = PressArticle()
    values = ArticleValues(
        title=recorded.article_title,
        url=recorded.article_url or "",
        outlet=recorded.article_outlet or "",
        published_on=recorded.article_published_on,
        event_ids=[visit.id],
    )
    with _named_as_on_the_form(ARTICLE_FIELDS):
        save_article(article, values)
    db.session.add(article)
    return article


@contextmanager
def _named_as_on_the_form(form_names: dict[str, str]):
    """Raise a service's refusal under the names the recording form gives its fields."""
    try:
        yield
    except Invalid as invalid:
        raise Invalid(
            {form_names.get(name, name): text for name, text in invalid.errors.items()}
        ) from invalid
