"""The report pack's PDFs read back as text: what the funder must find in each is there."""

import socket
from datetime import date
from pathlib import Path

import pytest

from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.pdf import payments
from partnership.pdf.engine import LocalFetcher, Refused
from partnership.pdf.lists import signature_lists_pdf
from partnership.pdf.render import write_pdf
from partnership.pdf.reports import activity_report_pdf, payments_list_pdf, photo_sheet_pdf

from .conftest import REMOTE_URL, read_pdf

YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))


def assert_tagged(reader, language: str) -> None:
    """PDF/UA: a structure tree, marked content, the document's language and title."""
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == language
    assert reader.metadata.title


def test_a_viewer_downloads_the_list_to_sign_with_blank_rows(app, client, viewer, report):
    address = f"/events/{report.visit}/lists.pdf?blank_rows=4"
    assert client.get(address).status_code == 302  # logged in only

    response = viewer.get(address)

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader, text = read_pdf(response.data)
    assert_tagged(reader, "en")
    for words in ("Youth council visits Lviv", "10–12 May 2024", "EU-TT-7", "Town Twinning Fund"):
        assert words in text
    assert "Olena Kovalenko Lviv Youth Council Lviv Ukraine 10 May, 11 May" in text
    assert "Anna Schmidt" in text and "Jan Nowak" in text
    # Three known participants, then four numbered rows with nothing else on them.
    blank = [int(line) for line in text.splitlines() if line.strip().isdigit()]
    assert blank == [4, 5, 6, 7]
    assert "Page 1 of 1" in text


def test_the_list_choice_follows_the_rules_and_explains_bad_input(app, viewer, report):
    response = viewer.get(f"/events/{report.visit}/lists.pdf?city=abc&blank_rows=500")

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose one of the cities that sent participants." in page
    assert "Enter a number from 0 to 200." in page
    chooser = viewer.get(f"/events/{report.visit}/lists").get_data(as_text=True)
    assert f"lists.pdf?city={report.lviv}" in chooser
    assert 'name="per_day" type="checkbox" value="y">' in chooser
    # The download's address without a choice offers the choice instead of a PDF.
    bare = viewer.get(f"/events/{report.visit}/lists.pdf")
    assert bare.status_code == 200 and bare.mimetype == "text/html"
    assert f"lists.pdf?city={report.lviv}" in bare.get_data(as_text=True)

    # A funder whose rules want one list per day has it chosen beforehand.
    with app.app_context():
        db.session.get(Grant, report.grant).programme.rule_set = "cerv-town-twinning"
        db.session.commit()
    chooser = viewer.get(f"/events/{report.visit}/lists").get_data(as_text=True)
    assert 'checked id="per_day" name="per_day"' in chooser


def test_lists_per_sending_city_and_day_in_german(app, report):
    with app.test_request_context():
        data = signature_lists_pdf(
            report.visit, sending_city_id=report.lviv, per_day=True, blank_rows=2, lang="de"
        )

    reader, text = read_pdf(data)
    assert_tagged(reader, "de")
    for day in ("10. Mai 2024", "11. Mai 2024", "12. Mai 2024"):
        assert day in text
    assert "Seite 1 von 3" in text
    # Olena came on two of the three days; Jan was sent by another city.
    assert text.count("Olena Kovalenko") == 2
    assert "Jan Nowak" not in text


def test_activity_report_names_what_happened_and_what_deviated(app, report):
    with app.test_request_context():
        data = activity_report_pdf(report.grant, None, "en")

    reader, text = read_pdf(data)
    assert_tagged(reader, "en")
    for words in (
        "Youth council visits Lviv",
        "10–12 May 2024",
        "Welcome at Lviv city hall",
        "The councils agreed on a joint summer camp.",
        "Ruhr Courier",
        "Young councillors from Dortmund in Lviv",
    ):
        assert words in text
    assert REMOTE_URL.split("//")[1].split("/")[0] in text  # printed, never fetched
    # Country by gender: female, male, diverse, not stated, not recorded, total.
    assert "Ukraine 1 0 0 0 0 1" in text
    assert "Germany 0 0 0 0 1 1" in text
    assert "2 invited from abroad" in text
    assert "Travel overspent: planned €1,000.00, spent €1,284.50 (+€284.50, +28.4 %)" in text
    assert "1 receipt was paid outside the grant period." in text
    # The clippings: the image shown in the annex, the PDF appended after it.
    assert "clipping.png" in text
    assert "Clipping scanned as PDF" in reader.pages[-1].extract_text()
    assert any(page.images for page in reader.pages)


def test_payments_list_by_line_with_planned_against_actual(app, report):
    with app.test_request_context():
        data = payments_list_pdf(report.grant, YEAR_2024, "en")

    reader, text = read_pdf(data)
    assert_tagged(reader, "en")
    assert "Travel €1,000.00 €1,234.50 +€234.50 +23.4 % 1" in text
    assert "Interpreting €500.00 €200.00 -€300.00 -60 % 1" in text
    assert "Total €1,500.00 €1,434.50 -€65.50 -4.4 % 2" in text
    assert "R-0001 Deutsche Bahn Train tickets €1,234.50 €1,100.00" in text
    assert text.index("R-0001") < text.index("R-0002")  # grouped by line: travel first
    assert "R-0003" not in text  # paid in 2025, outside the period


def test_a_long_payments_list_is_rendered_in_parts(app, report, monkeypatch):
    monkeypatch.setattr(payments, "PART_ROWS", 1)
    with app.test_request_context():
        data = payments_list_pdf(report.grant, None, "en")

    reader, text = read_pdf(data)
    assert "Part 1 of 3 · Page 1 of" in text and "Part 3 of 3 · Page 1 of 1" in text
    for number in ("R-0001", "R-0002", "R-0003"):
        assert text.count(number) == 1
    assert "Travel (continued)" in text
    # Joined parts cannot share one structure tree: untagged, yet with language and title.
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" not in catalog and catalog["/Lang"] == "en"
    assert reader.metadata.title == "Payments list: EU-TT-7"


def test_photo_sheet_shows_the_photos_with_captions(app, report):
    with app.test_request_context():
        data = photo_sheet_pdf(report.grant, YEAR_2024, "en")

    reader, text = read_pdf(data)
    assert_tagged(reader, "en")
    assert "Mayor greets the guests" in text
    assert reader.pages[0].images


def test_nothing_but_static_files_and_data_is_fetched(app):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        remote = f"http://127.0.0.1:{listener.getsockname()[1]}"
        html = (
            f'<html lang="en"><head><title>Fetch test</title>'
            f'<link rel="stylesheet" href="{remote}/style.css"></head><body><p>Nothing fetched</p>'
            f'<img src="{remote}/photo.png" alt="remote"><img src="file:///etc/hostname" alt="x">'
            "</body></html>"
        )
        with app.app_context():
            data = write_pdf(html)
        with pytest.raises(BlockingIOError):
            listener.accept()  # no connection was ever made
    assert "Nothing fetched" in read_pdf(data)[1]

    fetcher = LocalFetcher(app.static_folder)
    static = Path(app.static_folder).resolve()
    assert b"@page" in fetcher.fetch((static / "pdf.css").as_uri()).read()
    for refused in ("file:///etc/passwd", (static / ".." / "pyproject.toml").as_uri(), remote):
        with pytest.raises(Refused):
            fetcher.fetch(refused)
