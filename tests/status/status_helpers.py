"""Visits and exchanges with a given status, written straight to the database; dates
relative to today; a page's text."""

import html as markup
import re
from datetime import date, timedelta

from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City
from partnership.visits.models import Direction, Visit, VisitStatus


def city(name: str = "Kharkiv") -> City:
    found = City(name=name, country_code="UA")
    db.session.add(found)
    db.session.flush()
    return found


def visit(title: str, when: str, status=VisitStatus.DONE, partner: City | None = None) -> int:
    record = Visit(
        title=title,
        direction=Direction.INCOMING,
        status=status,
        partner_city_id=partner.id if partner else None,
    )
    record.date = parse_fuzzy_date(when)
    db.session.add(record)
    db.session.commit()
    return record.id


def exchange(title: str, when: str, status=ExchangeStatus.PLANNED, partner=None) -> int:
    record = PlannedExchange(
        title=title,
        exchange_kind=ExchangeKind.YOUTH,
        direction=Direction.INCOMING,
        status=status,
        partner_city_id=partner.id if partner else None,
        expected_participants=12,
    )
    record.date = parse_fuzzy_date(when)
    db.session.add(record)
    db.session.commit()
    return record.id


TODAY = date.today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).strftime("%d.%m.%Y")


def row_of(html: str, title: str) -> str:
    """The text of the table row naming `title`."""
    rows = [page_text(r) for r in re.findall(r"<tr>.*?</tr>", html, re.S)]
    found = [row for row in rows if title in row]
    assert len(found) == 1, (title, rows)
    return found[0]


def page_text(html: str) -> str:
    return " ".join(markup.unescape(re.sub(r"<[^>]+>", " ", html)).split())
