"""The demo grant's report pack: one zip with every part and a README, each part alone, and
PDFs that say what the records say (read back as text)."""

import io
import zipfile

import pytest
from page_reader import page
from pypdf import PdfReader
from sqlalchemy import select

from partnership.demo.story import GRANT_REFERENCE
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.reports.pack import PARTS

PRESS_TITLE = "Delegation aus Schytomyr besucht Dortmund"


@pytest.fixture
def grant_id(app, demo) -> int:
    with app.app_context():
        return db.session.scalar(select(Grant.id).where(Grant.reference == GRANT_REFERENCE))


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_the_demo_pack_is_complete_and_its_checks_pass(app, grant_id, viewer):
    shown = page(viewer.get(f"/reports/pack?grant={grant_id}"))
    assert shown.texts_by_id["pack-period"] == "1 September 2023 – 31 December 2023"
    assert "proof of use (Verwendungsnachweis)" in shown.texts_by_id["pack-rules"]
    assert shown.texts_by_id["pack-warnings"] == "The checks found nothing to put right."
    assert "sample-signed-list.pdf" in shown.text and "sample-photo" not in shown.text

    response = viewer.get(f"/reports/pack.zip?grant={grant_id}", buffered=True)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(
        "attachment; filename=Report_pack_DEMO-SKEW-2023_2023-09-01_2023-12-31.zip"
    )
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    readme = archive.read("README.txt").decode()
    for part in PARTS:
        name = part.name("en")
        assert (name + "/" if part.is_folder else name) in names, name
        assert name in readme
    assert "07_Signed_lists/2023-09-24 Delegation from Zhytomyr visits Dortmund - " in " ".join(
        names
    )

    report = pdf_text(archive.read("01_Activity_report.pdf"))
    # The one participant known by name, invited from abroad; the press article.
    assert "1 participant: 0 local, 1 invited from abroad" in report
    assert PRESS_TITLE in report
    payments = pdf_text(archive.read("02_Payments_list.pdf"))
    assert "DEMO-R-01" in payments and "Sample coach company" in payments
    assert "2,150.00" in payments
    lists = [name for name in names if name.startswith("06_Lists_to_sign/") and name[-1] != "/"]
    assert "Svitlana Olshanska" in pdf_text(archive.read(lists[0]))


@pytest.mark.parametrize("part", [part.key for part in PARTS if part.key != "activity-report"])
def test_each_part_downloads_alone(app, grant_id, viewer, part):
    response = viewer.get(f"/reports/pack/{part}?grant={grant_id}", buffered=True)
    assert response.status_code == 200, part
    kind = response.headers["Content-Type"]
    data = response.data
    if kind == "application/pdf":
        assert data.startswith(b"%PDF")
    elif kind == "application/zip":
        assert zipfile.ZipFile(io.BytesIO(data)).namelist()
    elif kind.startswith("text/csv"):
        assert data.startswith("\ufeff".encode())
    else:
        assert zipfile.ZipFile(io.BytesIO(data)).namelist()  # XLSX is a zip too


def test_an_unknown_part_or_grant_is_refused_plainly(app, grant_id, viewer):
    assert viewer.get(f"/reports/pack/nothing?grant={grant_id}").status_code == 404
    response = viewer.get("/reports/pack?grant=999999&period=not a date")
    assert response.status_code == 422
    assert page(response).error("period")


def test_a_german_reader_gets_german_file_names_and_semicolons(app, grant_id, viewer):
    german = {"Accept-Language": "de"}
    response = viewer.get(
        f"/reports/pack/participant-counts?grant={grant_id}", headers=german, buffered=True
    )
    assert response.headers["Content-Disposition"].endswith("filename=05_Teilnehmerzahlen.csv")
    rows = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    # The deputy mayor: one participant, invited from abroad, from Ukraine, female.
    assert rows[1].startswith("Delegation from Zhytomyr visits Dortmund;")
    assert rows[1].endswith(";;1")
    assert any(row.endswith(";Ukraine;1") for row in rows), rows
    listed = page(viewer.get(f"/reports/pack?grant={grant_id}", headers=german)).text
    assert "01_Sachbericht.pdf" in listed and "07_Unterschriebene_Listen/" in listed
