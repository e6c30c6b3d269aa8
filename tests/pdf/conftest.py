"""A visit paid by a grant, with participants, receipts, a press article, a clipping and a
photo: everything the report pack's PDFs print."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from partnership.documents.models import DocumentKind
from partnership.documents.services import store_document
from partnership.extensions import db
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Gender,
    Grant,
    GrantEvent,
    Participant,
    ParticipantDay,
    ParticipantOrigin,
    Programme,
)
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.press.models import PressArticle
from partnership.visits.models import Direction, ProgrammeItem, Visit

# Nothing listens here (port 9, "discard", is closed on test machines): were the renderer to
# fetch the article's address, it would fail, not hang.
REMOTE_URL = "http://127.0.0.1:9/lviv-youth-council"


@dataclass(frozen=True)
class Report:
    grant: int
    visit: int
    lviv: int


def png(colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "PNG")
    return out.getvalue()


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF saying `text`, as a scanned clipping uploaded as PDF would be."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read_pdf(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def report(app, tmp_path) -> Report:
    """Grant EU-TT-7 (2024; travel 1,000, interpreting 500) pays for the youth council's visit
    to Lviv, 10–12 May 2024: two guests from abroad, one local; three receipts, one of them
    paid after the grant ended; an article with a clipping (an image and a PDF) and a photo."""
    app.config["DOCUMENTS_FOLDER"] = str(tmp_path / "documents")
    with app.app_context():
        home = City(name="Dortmund", country_code="DE", is_home=True)
        lviv = City(name="Lviv", country_code="UA")
        poznan = City(name="Poznań", country_code="PL")
        funder = Organisation(name="Town Twinning Fund", kind=OrganisationKind.FUNDER)
        programme = Programme(name="Citizens' Europe", funder=funder)
        grant = Grant(
            reference="EU-TT-7",
            title="Youth councils meet",
            funder=funder,
            programme=programme,
            currency="EUR",
            amount=Decimal("1500.00"),
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
        )
        travel = BudgetLine(name="Travel", planned_amount=Decimal("1000.00"))
        interpreting = BudgetLine(name="Interpreting", planned_amount=Decimal("500.00"))
        grant.budget_lines = [travel, interpreting]
        visit = Visit(
            title="Youth council visits Lviv",
            direction=Direction.OUTGOING,
            partner_city=lviv,
            host_city=lviv,
            date=parse_fuzzy_date("10.–12. Mai 2024"),
            notes="The councils agreed on a joint summer camp.",
        )
        visit.programme = [
            ProgrammeItem(position=1, description="Welcome at Lviv city hall"),
            ProgrammeItem(position=2, description="Workshop on youth participation"),
        ]
        db.session.add_all([home, poznan, grant, visit])
        db.session.flush()
        db.session.add(GrantEvent(grant=grant, event=visit, note="fully funded"))
        olena = Participant(
            event=visit,
            name="Olena Kovalenko",
            organisation="Lviv Youth Council",
            city="Lviv",
            country_code="UA",
            origin=ParticipantOrigin.INTERNATIONAL,
            gender=Gender.FEMALE,
            sending_city_id=lviv.id,
        )
        olena.days = [ParticipantDay(day=date(2024, 5, 10)), ParticipantDay(day=date(2024, 5, 11))]
        jan = Participant(
            event=visit,
            name="Jan Nowak",
            city="Poznań",
            country_code="PL",
            origin=ParticipantOrigin.INTERNATIONAL,
            gender=Gender.MALE,
            sending_city_id=poznan.id,
        )
        anna = Participant(
            event=visit, name="Anna Schmidt", country_code="DE", origin=ParticipantOrigin.LOCAL
        )

        def receipt(line, day, number, payee, amount, share):
            return CostItem(
                event=visit,
                budget_line=line,
                paid_on=day,
                receipt_number=number,
                payee=payee,
                purpose="Train tickets" if line is travel else "Interpreter",
                amount=Decimal(amount),
                grant_share=Decimal(share),
            )

        db.session.add_all(
            [
                olena,
                jan,
                anna,
                receipt(travel, date(2024, 5, 2), "R-0001", "Deutsche Bahn", "1234.50", "1100.00"),
                receipt(
                    interpreting, date(2024, 5, 11), "R-0002", "Lingua GmbH", "200.00", "180.00"
                ),
                receipt(travel, date(2025, 1, 5), "R-0003", "Deutsche Bahn", "50.00", "0.00"),
            ]
        )
        article = PressArticle(
            title="Young councillors from Dortmund in Lviv",
            outlet="Ruhr Courier",
            published_on=date(2024, 5, 14),
            url=REMOTE_URL,
        )
        article.events = [visit]
        db.session.add(article)
        db.session.flush()
        store_document(
            "press_article", article.id, "clipping.png", png("navy"), DocumentKind.CLIPPING
        )
        store_document(
            "press_article",
            article.id,
            "clipping.pdf",
            pdf_with_text("Clipping scanned as PDF"),
            DocumentKind.CLIPPING,
        )
        store_document(
            "event",
            visit.id,
            "welcome.png",
            png(),
            DocumentKind.PHOTO,
            caption="Mayor greets the guests",
        )
        db.session.commit()
        return Report(grant.id, visit.id, lviv.id)
