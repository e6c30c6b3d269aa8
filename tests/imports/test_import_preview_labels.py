"""The import preview speaks the reader's language: columns by the file's own headers, values by
their labels, every problem naming its value once; semicolon files write decimal commas."""

import csv
import io
import re
from decimal import Decimal

from sqlalchemy import select

from partnership.exports.lists import list_exports
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.partners.models import Organisation
from partnership.visits.models import Direction, Visit

from .import_helpers import confirm, csv_bytes, one, text_of, upload

GERMAN_VISITS = [
    ["Titel", "Richtung", "Datum", "Gastgeberstadt", "Status"],
    ["Jugendbegegnung in Dortmund", "eingehend", "Mai 2024", "Dortmund", "bestätigt"],
]


def german(client):
    client.set_cookie("lang", "de")
    return client


def test_a_german_file_is_previewed_with_its_headers_and_german_labels(app, editor, demo):
    preview = upload(german(editor), "visits", csv_bytes(GERMAN_VISITS, ";"), "Besuche.csv")
    assert preview.status_code == 200
    page = text_of(preview)
    for words in ("Richtung: eingehend", "Gastgeberstadt: Dortmund", "Status: bestätigt"):
        assert words in page, words
    for words in ("Direction", "incoming", "Host city", "confirmed"):
        assert words not in page, words

    assert confirm(editor, preview).status_code == 302
    visit = one(app, Visit, title="Jugendbegegnung in Dortmund")
    assert visit.direction is Direction.INCOMING, "stored as the value, whatever the label"


def test_each_problem_names_the_files_column_and_its_value_once(app, editor, demo):
    rows = [
        GERMAN_VISITS[0],
        ["Besuch mit Tippfehler", "eingehend", "Maii 2024", "Dortmund", "geplant"],
        ["Besuch ohne Stadt", "quer", "Mai 2024", "Lemberg", "geplant"],
    ]
    preview = upload(german(editor), "visits", csv_bytes(rows, ";"))
    assert preview.status_code == 422
    problems = re.findall(r'<a href="#row-\d+">([^<]+)</a>', preview.text)
    assert len(problems) == 3, problems
    columns = ("Datum", "Gastgeberstadt", "Richtung")
    by_column = {column: text for text in problems for column in columns if column in text}
    date_problem = by_column["Datum"]
    assert date_problem.count("Maii 2024") == 1, date_problem
    assert by_column["Gastgeberstadt"].count("Lemberg") == 1, by_column["Gastgeberstadt"]
    choice_problem = by_column["Richtung"]
    assert choice_problem.count("quer") == 1 and "eingehend, ausgehend" in choice_problem
    assert "Direction" not in preview.text and "Host city" not in preview.text


def test_the_command_line_names_the_value_once_too(app, runner, demo, tmp_path):
    path = tmp_path / "visits.csv"
    rows = [["Title", "Date", "Host city"], ["A visit", "sometime", "Dortmund"]]
    path.write_bytes(csv_bytes(rows))
    result = runner.invoke(args=["import", "visits", str(path)])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if line.startswith("Row 2"))
    assert line.count("sometime") == 1, line
    assert line.startswith("Row 2, column “Date”: ‘sometime’ is not a date I can read.")


def test_every_semicolon_list_download_writes_decimal_commas(app, editor, demo):
    with app.app_context():
        funder = db.session.scalars(select(Organisation)).first()
        db.session.add(Grant(reference="KP-9", funder=funder, amount=Decimal("98765.4")))
        db.session.commit()
    pointed = re.compile(r"^-?\d+\.\d+$")
    for area in list_exports():
        with editor.get(f"/{area}/export.csv", query_string={"delimiter": ";"}) as response:
            text = response.data.decode("utf-8").removeprefix("\ufeff")
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
        assert not [cell for cell in cells if pointed.match(cell)], area
        if area == "grants":
            assert "98765,40" in cells
