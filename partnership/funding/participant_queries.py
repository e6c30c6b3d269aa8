"""What an event's funding page shows of its participants: a page of them at a time, in name
order, and their counts side by side with the counts of those who signed."""

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from partnership.countries import country_name
from partnership.extensions import db
from partnership.funding.models import Participant
from partnership.labels import label
from partnership.people.models import Contact

PER_PAGE = 100
# A page number past any list is read as this one (an empty page), not as an SQL overflow.
LAST_PAGE = 100_000


def participant_page(event_id: int, page: int = 1):
    """Return one page of the event's participants (a Flask-SQLAlchemy pagination)."""
    name = func.coalesce(Contact.name, Participant.name)
    query = (
        select(Participant)
        .outerjoin(Contact, Contact.id == Participant.contact_id)
        .where(Participant.event_id == event_id)
        # Contact and city in the same query: a page of participants sends the same queries
        # whoever they are.
        .options(
            contains_eager(Participant.contact),
            joinedload(Participant.sending_city),
            selectinload(Participant.days),
        )
        .order_by(func.lower(name), name, Participant.id)
    )
    return db.paginate(query, page=min(max(page, 1), LAST_PAGE), per_page=PER_PAGE, error_out=False)


def figure_rows(counts, signed) -> list[tuple[str, str, int, int]]:
    """Lay two counts side by side: (group, what, all, signed only) per line of a table."""
    not_recorded = _("not recorded")
    rows = [
        ("", _("Participants"), counts.total, signed.total),
        ("", _("Participant-days"), counts.participant_days, signed.participant_days),
    ]

    def group(title, pairs, signed_pairs, name):
        found = dict(signed_pairs)
        rows.extend((title, name(key), n, found.get(key, 0)) for key, n in pairs)

    group(_("Taking part as"), counts.by_origin, signed.by_origin, label)
    group(
        _("Country"),
        counts.by_country,
        signed.by_country,
        lambda code: country_name(code) if code else _("country unknown"),
    )
    group(_("Gender"), counts.by_gender, signed.by_gender, lambda g: label(g) or not_recorded)
    group(
        _("Age group"), counts.by_age_group, signed.by_age_group, lambda a: label(a) or not_recorded
    )
    cities = [(c.city_id, c.count) for c in counts.by_sending_city]
    names = {c.city_id: c.name for c in counts.by_sending_city}
    signed_cities = [(c.city_id, c.count) for c in signed.by_sending_city]
    group(_("Sending city"), cities, signed_cities, lambda i: names[i] or not_recorded)
    return rows
