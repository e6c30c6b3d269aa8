"""Find audit entries by filter, a page at a time, as fast on the millionth entry as the first.

Pages are cut by the position of an entry in (time, id) order instead of by counting: a
page after the last one seen is one step down the index on `at`, however deep it lies.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Select, or_, select
from werkzeug.datastructures import MultiDict

from partnership.audit.models import AuditAction, AuditEntry
from partnership.extensions import db
from partnership.routing import record_id

FILTER_NAMES = ("action", "who", "address", "from", "to")
CURSOR_FORMAT = "%Y%m%d%H%M%S%f"


@dataclass
class AuditFilter:
    """What the audit page and its CSV are filtered by, read from the query string."""

    action: str = ""
    who: str = ""
    address: str = ""
    day_from: date | None = None
    day_to: date | None = None
    # Field name → the text typed, for fields whose value could not be read.
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: MultiDict) -> "AuditFilter":
        """Read the filters; an unknown action or a malformed day is noted, not applied."""
        found = cls(
            who=args.get("who", "").strip()[:254], address=args.get("address", "").strip()[:64]
        )
        action = args.get("action", "")
        if action in set(AuditAction):
            found.action = action
        elif action:
            found.errors["action"] = action
        found.day_from = _day(args.get("from", ""), "from", found.errors)
        found.day_to = _day(args.get("to", ""), "to", found.errors)
        return found

    def args(self) -> dict[str, str]:
        """Return the filters in force as query arguments, to keep them through paging."""
        values = {
            "action": self.action,
            "who": self.who,
            "address": self.address,
            "from": self.day_from.isoformat() if self.day_from else "",
            "to": self.day_to.isoformat() if self.day_to else "",
        }
        return {name: value for name, value in values.items() if value}

    def apply(self, query: Select) -> Select:
        """Return `query` narrowed to the entries the filters let through."""
        if self.action:
            query = query.where(_action_is(self.action))
        if self.who:
            query = query.where(AuditEntry.actor.icontains(self.who, autoescape=True))
        if self.address:
            query = query.where(AuditEntry.address.startswith(self.address, autoescape=True))
        if self.day_from:
            query = query.where(AuditEntry.at >= _midnight(self.day_from))
        # The last day there is has no next day to stop before: it filters nothing.
        if self.day_to and self.day_to < date.max:
            query = query.where(AuditEntry.at < _midnight(self.day_to + timedelta(days=1)))
        return query


def _action_is(action: str):
    return AuditEntry.action == action


def _day(text: str, name: str, errors: dict) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = text[:40]
        return None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def entries(audit_filter: AuditFilter) -> Select:
    """Select the filtered entries, newest first."""
    return audit_filter.apply(select(AuditEntry)).order_by(
        AuditEntry.at.desc(), AuditEntry.id.desc()
    )


def cursor(entry: AuditEntry) -> str:
    """Return where `entry` stands in the log, as a page boundary for the address."""
    return f"{entry.at.strftime(CURSOR_FORMAT)}-{entry.id}"


def parse_cursor(text: str | None) -> tuple[datetime, int] | None:
    """Read a page boundary; anything malformed means the first page."""
    at, _, entry_id = (text or "").partition("-")
    try:
        return datetime.strptime(at, CURSOR_FORMAT), record_id(entry_id)
    except ValueError:
        return None


@dataclass
class AuditPage:
    items: list[AuditEntry]
    newer: str | None
    older: str | None
    first: bool


def page(audit_filter: AuditFilter, per_page: int, before=None, after=None) -> AuditPage:
    """Return a page of entries older than `before`, newer than `after`, or the newest."""
    query = audit_filter.apply(select(AuditEntry))
    if after is not None:
        at, entry_id = after
        query = query.where(
            AuditEntry.at >= at, or_(AuditEntry.at > at, AuditEntry.id > entry_id)
        ).order_by(AuditEntry.at, AuditEntry.id)
        found = db.session.scalars(query.limit(per_page + 1)).all()
        more_newer = len(found) > per_page
        items = list(reversed(found[:per_page]))
        if not more_newer:
            # Back at the top: the newest page, shown whole, so the pages do not shift.
            return page(audit_filter, per_page)
        return AuditPage(items, cursor(items[0]), cursor(items[-1]) if items else None, False)
    if before is not None:
        at, entry_id = before
        query = query.where(AuditEntry.at <= at, or_(AuditEntry.at < at, AuditEntry.id < entry_id))
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    found = db.session.scalars(query.limit(per_page + 1)).all()
    items = found[:per_page]
    older = cursor(items[-1]) if len(found) > per_page else None
    newer = cursor(items[0]) if before is not None and items else None
    return AuditPage(items, newer, older, before is None)
