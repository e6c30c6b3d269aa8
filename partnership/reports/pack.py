"""The report pack of a grant for a period: every part a funder asks for, one by one or in a zip.

A part is one file (the activity report, the payments list as PDF, CSV and XLSX, the
participant counts) or a folder of files (the lists to sign of each event, the signed scans,
the press and publicity material). The zip is written to a temporary file, one part after the
other, so only one part (one PDF, one uploaded scan) is ever held in memory; its README.txt
lists the parts and the checks' warnings (see `pack_zip.py`). File names are in the reader's
language.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import IO

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from partnership.documents.models import Document, DocumentKind
from partnership.documents.services import read_bytes
from partnership.events.models import Event
from partnership.extensions import db
from partnership.formatting import format_day
from partnership.funding.models import Grant
from partnership.i18n import current_language
from partnership.pdf.activity import activity_report_pdf
from partnership.pdf.lists import signature_lists_pdf
from partnership.pdf.payments import payments_list_pdf
from partnership.pdf.photos import photo_sheet_pdf
from partnership.press.models import PressArticle, event_press_article
from partnership.reports import counts, payments
from partnership.reports.checks import funded_events, pack_selection
from partnership.reports.rules import ChosenRules, rules_for_grant
from partnership.reports.selection import FundingSelection


@dataclass(frozen=True)
class Pack:
    """A grant's pack for a period: what each part is made from."""

    grant: Grant
    selection: FundingSelection
    chosen: ChosenRules
    delimiter: str
    language: str

    @property
    def period(self) -> tuple[date | None, date | None]:
        return self.selection.period

    @cached_property
    def events(self) -> list[Event]:
        return funded_events(self.selection)

    @property
    def period_text(self) -> str:
        start, end = self.period
        if start is None and end is None:
            return _("all dates")
        return f"{format_day(start) or '…'} – {format_day(end) or '…'}"


def make_pack(grant: Grant, start: date | None, end: date | None, delimiter: str) -> Pack:
    """The pack of `grant` for the period; without one, the grant's own period."""
    return Pack(
        grant=grant,
        selection=pack_selection(grant, start, end),
        chosen=rules_for_grant(grant),
        delimiter=delimiter,
        language=current_language(),
    )


def safe_name(text: str, limit: int = 80) -> str:
    """A file name any system accepts: no path separators or control characters, bounded."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip(" .")
    return re.sub(r"\s+", " ", cleaned)[:limit].strip() or "file"


# Files ----------------------------------------------------------------------------------------


def _pdf_part(render: Callable[[Pack], bytes]) -> Callable[[Pack, IO[bytes]], None]:
    def write(pack: Pack, out: IO[bytes]) -> None:
        out.write(render(pack))

    return write


def _activity_report(pack: Pack) -> bytes:
    return activity_report_pdf(pack.grant.id, pack.period, pack.language)


def _payments_pdf(pack: Pack) -> bytes:
    return payments_list_pdf(pack.grant.id, pack.period, pack.language)


def _photo_sheet(pack: Pack) -> bytes:
    return photo_sheet_pdf(pack.grant.id, pack.period, pack.language)


def _write_text(pieces: Iterator[str], out: IO[bytes]) -> None:
    for piece in pieces:
        out.write(piece.encode("utf-8"))


def _payments_csv(pack: Pack, out: IO[bytes]) -> None:
    _write_text(payments.payments_csv(pack.selection, pack.delimiter), out)


def _payments_xlsx(pack: Pack, out: IO[bytes]) -> None:
    payments.write_payments_xlsx(pack.selection, out)


def _counts_csv(pack: Pack, out: IO[bytes]) -> None:
    _write_text(counts.counts_csv(pack, pack.delimiter), out)


# Folders: (name inside the folder, how to get its bytes) ------------------------------------


def _event_stem(event: Event) -> str:
    day = event.date.start.isoformat() if event.date else ""
    return safe_name(f"{day} {event.title}".strip())


def _lists_to_sign(pack: Pack) -> Iterator[tuple[str, Callable[[], bytes]]]:
    per_day = pack.chosen.rules.lists_per_day
    for event in pack.events:
        yield (
            f"{_event_stem(event)}.pdf",
            lambda event=event: signature_lists_pdf(event.id, per_day=per_day, lang=pack.language),
        )


def _documents(pack: Pack, kinds, articles: bool) -> list[tuple[Document, str]]:
    """Documents of `kinds` on the funded events (and their press articles), with a prefix."""
    events = pack.events
    ids = [event.id for event in events]
    if not ids:
        return []
    names = {event.id: _event_stem(event) for event in events}
    # Documents on any kind of event are filed under the events' common table.
    conditions = [(Document.table_name == "event") & Document.record_id.in_(ids)]
    article_names = {}
    if articles:
        linked = db.session.execute(
            select(PressArticle.id, PressArticle.title)
            .join(event_press_article, event_press_article.c.press_article_id == PressArticle.id)
            .where(event_press_article.c.event_id.in_(ids))
            .distinct()
        ).all()
        article_names = {article_id: safe_name(title, 60) for article_id, title in linked}
        if article_names:
            conditions.append(
                (Document.table_name == "press_article")
                & Document.record_id.in_(list(article_names))
            )
    query = (
        select(Document)
        .where(Document.kind.in_(kinds), or_(*conditions))
        .order_by(Document.uploaded_at, Document.id)
    )
    found = []
    for document in db.session.scalars(query):
        own = names if document.table_name == "event" else article_names
        found.append((document, own.get(document.record_id, "")))
    return found


def _document_files(pack: Pack, kinds, articles=False):
    taken = set()
    for document, prefix in _documents(pack, kinds, articles):
        name = safe_name(f"{prefix} - {document.filename}" if prefix else document.filename, 120)
        if name in taken:
            name = f"{document.id} {name}"
        taken.add(name)
        yield name, lambda document=document: read_bytes(document)


def _signed_scans(pack: Pack):
    return _document_files(pack, [DocumentKind.SIGNED_LIST])


def _publicity(pack: Pack):
    return _document_files(pack, [DocumentKind.CLIPPING, DocumentKind.FLYER], articles=True)


# The parts, in the order of the pack ----------------------------------------------------------


@dataclass(frozen=True)
class Part:
    key: str
    title: object  # a lazy text
    names: dict[str, str]  # file or folder name per language
    write: Callable[[Pack, IO[bytes]], None] | None = None
    files: Callable[[Pack], Iterator[tuple[str, Callable[[], bytes]]]] | None = None
    personal: bool = False  # names people: its download is audited

    @property
    def is_folder(self) -> bool:
        return self.files is not None

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]


PARTS = (
    Part(
        "activity-report",
        _l("Activity report (Sachbericht), PDF"),
        {"en": "01_Activity_report.pdf", "de": "01_Sachbericht.pdf"},
        write=_pdf_part(_activity_report),
    ),
    Part(
        "payments-pdf",
        _l("Payments list (Belegliste), PDF"),
        {"en": "02_Payments_list.pdf", "de": "02_Belegliste.pdf"},
        write=_pdf_part(_payments_pdf),
        personal=True,
    ),
    Part(
        "payments-csv",
        _l("Payments list, CSV"),
        {"en": "03_Payments_list.csv", "de": "03_Belegliste.csv"},
        write=_payments_csv,
        personal=True,
    ),
    Part(
        "payments-xlsx",
        _l("Payments list, spreadsheet (XLSX)"),
        {"en": "04_Payments_list.xlsx", "de": "04_Belegliste.xlsx"},
        write=_payments_xlsx,
        personal=True,
    ),
    Part(
        "participant-counts",
        _l("Participant counts by country, gender, origin and sending city, CSV"),
        {"en": "05_Participant_counts.csv", "de": "05_Teilnehmerzahlen.csv"},
        write=_counts_csv,
    ),
    Part(
        "lists-to-sign",
        _l("Participant lists to sign, one PDF per event"),
        {"en": "06_Lists_to_sign", "de": "06_Unterschriftenlisten"},
        files=_lists_to_sign,
        personal=True,
    ),
    Part(
        "signed-lists",
        _l("Signed participant lists as scanned"),
        {"en": "07_Signed_lists", "de": "07_Unterschriebene_Listen"},
        files=_signed_scans,
        personal=True,
    ),
    Part(
        "photo-sheet",
        _l("Photo sheet, PDF"),
        {"en": "08_Photo_sheet.pdf", "de": "08_Fotodokumentation.pdf"},
        write=_pdf_part(_photo_sheet),
        personal=True,
    ),
    Part(
        "publicity",
        _l("Press clippings and flyers"),
        {"en": "09_Press_and_publicity", "de": "09_Presse_und_Werbung"},
        files=_publicity,
    ),
)
PARTS_BY_KEY = {part.key: part for part in PARTS}


def part_files(pack: Pack, part: Part) -> list[str]:
    """The names of a folder part's files (for the page and the README)."""
    return [name for name, _read in part.files(pack)] if part.is_folder else []
