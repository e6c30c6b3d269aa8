"""The Sachbericht (activity report) of a grant for a period, as PDF.

For each funded event: its dates and place, its programme, its participants by country and
gender, its results, its press coverage; then the deviations from the plan the records show;
and an annex of the press clippings uploaded to the articles (images shown, PDFs appended).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from partnership.documents.models import DocumentKind
from partnership.events.queries import is_cancelled
from partnership.extensions import db
from partnership.formatting import EVENT_KIND_LABELS
from partnership.funding.models import BudgetLine, CostItem, Gender, Participant
from partnership.funding.participant_counts import participant_counts
from partnership.funding.queries import budget_spending
from partnership.pdf import evidence
from partnership.pdf.facts import EventFacts, event_facts, office_name
from partnership.pdf.payments import Period, deviation, selection_for
from partnership.pdf.render import join_pdfs, pdf_language, render_pdf
from partnership.reports.selection import FundingSelection, funded_activities

GENDERS = [*Gender, None]


@dataclass
class ParticipantTable:
    """An event's participants counted by country (rows) and gender (columns)."""

    cells: dict = field(default_factory=lambda: defaultdict(int))
    local: int = 0
    invited: int = 0

    def add(self, country: str, gender, origin, count: int) -> None:
        self.cells[(country or "", gender)] += count
        if origin == "local":
            self.local += count
        else:
            self.invited += count

    @property
    def total(self) -> int:
        return self.local + self.invited

    @property
    def countries(self) -> list[str]:
        totals = defaultdict(int)
        for (country, _gender), count in self.cells.items():
            totals[country] += count
        return sorted(totals, key=lambda code: (-totals[code], code == "", code))

    def count(self, country: str, gender) -> int:
        return self.cells.get((country, gender), 0)

    def country_total(self, country: str) -> int:
        return sum(self.count(country, gender) for gender in GENDERS)

    def gender_total(self, gender) -> int:
        return sum(n for (_c, g), n in self.cells.items() if g == gender)


@dataclass
class EventSection:
    facts: EventFacts
    kind: str
    cancelled: bool
    link: object
    programme: list[str]
    participants: ParticipantTable
    results: str
    press: list


def participant_tables(event_ids: list[int]) -> dict[int, ParticipantTable]:
    """Count each event's participants by country, gender and origin, in one grouped query."""
    tables: dict[int, ParticipantTable] = defaultdict(ParticipantTable)
    if not event_ids:
        return tables
    query = (
        select(
            Participant.event_id,
            Participant.country_code,
            Participant.gender,
            Participant.origin,
            func.count(Participant.id),
        )
        .where(Participant.event_id.in_(event_ids), Participant.archived_at.is_(None))
        .group_by(
            Participant.event_id, Participant.country_code, Participant.gender, Participant.origin
        )
    )
    for event_id, country, gender, origin, count in db.session.execute(query):
        tables[event_id].add(country, gender, origin, count)
    return tables


def _sections(selection: FundingSelection) -> list[EventSection]:
    funded = list(funded_activities(selection))
    tables = participant_tables([event.id for _link, _grant, event in funded])
    return [
        EventSection(
            facts=event_facts(event),
            kind=str(EVENT_KIND_LABELS[event.kind]),
            cancelled=is_cancelled(event),
            link=link,
            programme=[item.description for item in getattr(event, "programme", [])],
            participants=tables[event.id],
            results=event.notes,
            press=sorted(event.press_articles, key=lambda a: (a.published_on or date.max, a.id)),
        )
        for link, _grant, event in funded
    ]


def receipts_outside_grant(selection: FundingSelection) -> int:
    """Count the report's receipts paid before the grant's period began or after it ended."""
    grant = selection.grants[0]
    outside = []
    if grant.period_start is not None:
        outside.append(CostItem.paid_on < grant.period_start)
    if grant.period_end is not None:
        outside.append(CostItem.paid_on > grant.period_end)
    if not outside:
        return 0
    query = (
        select(func.count())
        .select_from(CostItem)
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .where(BudgetLine.grant_id == grant.id, or_(*outside))
    )
    if selection.start is not None:
        query = query.where(CostItem.paid_on >= selection.start)
    if selection.end is not None:
        query = query.where(CostItem.paid_on <= selection.end)
    return db.session.scalar(query)


def deviations(selection: FundingSelection, sections: list[EventSection]) -> list[str]:
    """Say what departs from the plan: lines overspent or unused, cancelled events, receipts
    outside the grant's period."""
    found = []
    for row in budget_spending(selection.grants, selection.period):
        if row.is_total or row.planned is None:
            continue
        money, percent = deviation(row)
        if money > 0:
            found.append(("overspent", row, money, percent))
        elif row.planned > 0 and row.receipts == 0:
            found.append(("unused", row, money, percent))
    found += [("cancelled", section, None, None) for section in sections if section.cancelled]
    outside = receipts_outside_grant(selection)
    if outside:
        found.append(("outside", outside, None, None))
    return found


def clippings(sections: list[EventSection]) -> list[tuple]:
    """Return (article, document) for each clipping uploaded to the report's press articles."""
    articles = {article.id: article for section in sections for article in section.press}
    documents = evidence.documents_on(("press_article",), articles, [DocumentKind.CLIPPING])
    return [(articles[document.record_id], document) for document in documents]


def activity_report_pdf(
    grant_id: int, period: Period | None = None, lang: str | None = None
) -> bytes:
    """Render the grant's activity report for the period (None: the whole grant) as PDF."""
    selection = selection_for(grant_id, period)
    grant = selection.grants[0]
    language = pdf_language(lang)
    with force_locale(language):
        sections = _sections(selection)
        annex = clippings(sections)
        images = {
            document.id: evidence.image_data_uri(document, evidence.CLIPPING_SIZE)
            for _article, document in annex
        }
        appended = [doc for _a, doc in annex if doc.content_type == evidence.PDF_TYPE]
        report = render_pdf(
            "pdf/activity_report.html",
            lang=language,
            title=_("Activity report: %(grant)s", grant=grant.reference),
            author=office_name(),
            description=_("What %(grant)s paid for, and how it went", grant=str(grant)),
            grant=grant,
            selection=selection,
            sections=sections,
            totals=participant_counts(grant_id=grant.id, period=selection.period),
            genders=GENDERS,
            deviations=deviations(selection, sections),
            annex=annex,
            images=images,
            appended={document.id for document in appended},
        )
    if not appended:
        return report
    scans = (evidence.read_or_none(document) for document in appended)
    return join_pdfs(report, (scan for scan in scans if scan is not None))
