"""The participant counts of a report pack as CSV: for each funded event, and for all of them,
the participants and participant-days, and how many by origin, country, gender, age group
and sending city. Only signed participants count where the grant's rules say so.
"""

from collections.abc import Iterator

from flask_babel import gettext as _

from partnership.countries import country_name
from partnership.csvfile import csv_lines
from partnership.formatting import format_fuzzy
from partnership.funding.participant_counts import ParticipantCounts, participant_counts
from partnership.labels import label


def counts_header() -> list[str]:
    return [_("Activity"), _("Date"), _("Counted by"), _("Value"), _("Participants")]


def _rows(counts: ParticipantCounts) -> Iterator[tuple[str, str, int]]:
    """(counted by, value, number) for every figure of one set of counts."""
    counted = _("Participants who signed") if counts.signed_only else _("Participants")
    yield counted, "", counts.total
    yield _("Participant-days"), "", counts.participant_days
    for origin, number in counts.by_origin:
        yield _("Taking part as"), label(origin), number
    for code, number in counts.by_country:
        yield _("Country"), country_name(code) if code else _("country unknown"), number
    for gender, number in counts.by_gender:
        yield _("Gender"), label(gender) if gender else _("not recorded"), number
    for group, number in counts.by_age_group:
        yield _("Age group"), label(group) if group else _("not recorded"), number
    for city in counts.by_sending_city:
        yield _("Sending city"), city.name or _("not recorded"), city.count


def counts_rows(pack) -> Iterator[list]:
    """One row per figure: each funded event's, then those of all of them together."""
    signed_only = pack.chosen.rules.count_signed_only
    for event in pack.events:
        counts = participant_counts(event.id, signed_only=signed_only)
        when = format_fuzzy(event.date)
        for counted_by, value, number in _rows(counts):
            yield [event.title, when, counted_by, value, number]
    together = participant_counts(
        grant_id=pack.grant.id, period=pack.period, signed_only=signed_only
    )
    for counted_by, value, number in _rows(together):
        yield [_("All funded activities"), pack.period_text, counted_by, value, number]


def counts_csv(pack, delimiter: str) -> Iterator[str]:
    """The counts as CSV text."""
    return csv_lines(counts_header(), counts_rows(pack), delimiter)
