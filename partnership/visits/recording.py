"""Record a visit with its delegation, members, topics and press article in one go."""

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.events.models import Topic
from partnership.events.services import topic_named
from partnership.extensions import db
from partnership.formatting import format_fuzzy
from partnership.partners.models import City
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation, DelegationMember, Visit
from partnership.visits.services import set_programme

ROLE_SEPARATORS = (" – ", " — ", " - ", ", ")


def parse_member_line(line: str) -> tuple[str, str]:
    """Split 'Name – role' into name and role; a line without a separator is just a name."""
    for separator in ROLE_SEPARATORS:
        name, found, role = line.partition(separator)
        if found and name.strip():
            return name.strip(), role.strip()
    return line.strip(), ""


def record_visit(form) -> Visit:
    """Create the visit and everything the form describes; the caller commits."""
    visit = Visit(
        title=form.title.data.strip(),
        direction=form.direction.data,
        partner_city_id=form.partner_city_id.data,
        host_city_id=form.host_city_id.data,
        occasion=(form.occasion.data or "").strip(),
        status=form.status.data,
        first_official=form.first_official.data,
        summary=(form.summary.data or "").strip(),
        notes="",
    )
    visit.date = form.date.data
    visit.topics = _topics(form.topic_ids.data or [], form.new_topics.data or "")
    set_programme(visit, form.programme.data)
    visit.delegation = _delegation(form)
    db.session.add(visit)
    if (form.article_title.data or "").strip():
        db.session.add(_article(form, visit))
    db.session.flush()
    return visit


def _topics(ids: list[int], new_names: str) -> list[Topic]:
    topics = list(db.session.scalars(select(Topic).where(Topic.id.in_(ids)))) if ids else []
    for name in (part.strip() for part in new_names.split(",")):
        if name and all(topic.name.casefold() != name.casefold() for topic in topics):
            topics.append(topic_named(name))
    return topics


def _delegation(form) -> Delegation | None:
    if form.delegation_id.data is not None:
        return db.session.get(Delegation, form.delegation_id.data)
    member_ids = form.member_ids.data or []
    new_lines = [line for line in (form.new_members.data or "").splitlines() if line.strip()]
    described = (
        form.delegation_name.data,
        form.origin_city_id.data,
        form.origin_organisation_id.data,
        form.head_id.data,
        form.size.data,
        member_ids,
        new_lines,
    )
    if not any(described):
        return None
    delegation = Delegation(
        name=(form.delegation_name.data or "").strip() or _default_name(form),
        origin_city_id=form.origin_city_id.data,
        origin_organisation_id=form.origin_organisation_id.data,
        head_id=form.head_id.data,
        size=form.size.data,
        notes="",
    )
    members = [DelegationMember(contact_id=contact_id) for contact_id in dict.fromkeys(member_ids)]
    for line in new_lines:
        name, role = parse_member_line(line)
        contact = Contact(name=name, role_title=role, city_id=form.origin_city_id.data)
        members.append(DelegationMember(contact=contact, role=role))
    delegation.members = members
    return delegation


def _default_name(form) -> str:
    origin = db.session.get(City, form.origin_city_id.data) if form.origin_city_id.data else None
    dates = format_fuzzy(form.date.data)
    if origin is None:
        return _("Delegation, %(dates)s", dates=dates)
    return _("Delegation of %(city)s, %(dates)s", city=origin.name, dates=dates)


def _article(form, visit: Visit) -> PressArticle:
    article = PressArticle(
        title=form.article_title.data.strip(),
        url=form.article_url.data or "",
        outlet=(form.article_outlet.data or "").strip(),
        published_on=form.article_published_on.data,
    )
    article.events = [visit]
    return article
