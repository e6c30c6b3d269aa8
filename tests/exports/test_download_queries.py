"""A list download selects its columns by SQL, batch by batch: its queries grow with the batches
only, and it writes the very cells the importer's columns write of the loaded records."""

import csv
import io

import pytest
from sqlalchemy import event, select

from partnership.exports.lists import BATCH
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.imports.kinds import importable
from partnership.partners.models import City
from partnership.visits.models import Direction, ProgrammeItem, Visit


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def download(app, client, url: str) -> tuple[list[list[str]], int]:
    """The rows of a download, and how many statements it sent."""
    statements = []

    def remember(*_):
        statements.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        text = client.get(url).data.decode("utf-8")
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return rows_of(text), len(statements)


def add_visits(app, number: int) -> None:
    with app.app_context():
        city = db.session.scalars(select(City).order_by(City.id)).first()
        if city is None:
            city = City(name="Zhytomyr", country_code="UA", region="", is_home=False, notes="")
        for i in range(number):
            visit = Visit(
                title=f"Visit {i}",
                direction=Direction.OUTGOING,
                host_city=city,
                partner_city=city,
                date=parse_fuzzy_date(f"{1 + i % 28}.0{1 + i % 9}.{2000 + i % 20}"),
                first_official=i % 2 == 0,
                summary=f"=formula {i}" if i % 7 == 0 else "",
            )
            if i % 5 == 0:
                visit.programme = [ProgrammeItem(position=1, description="Reception")]
            db.session.add(visit)
        db.session.commit()


def written_by_importer(app, area: str) -> list[list[str]]:
    """Each record's cells as the importer's columns write them, in the download's order."""
    entity = importable(area)
    with app.app_context():
        records = db.session.scalars(select(entity.model).order_by(entity.model.id)).all()
        columns = entity.importer.columns
        return [[column.write(record) for column in columns] for record in records]


def as_read(cell: str) -> str:
    # The download keeps a formula from running with an apostrophe; the import takes it off.
    return cell[1:] if cell.startswith("'=") else cell


@pytest.mark.parametrize("many", [1, 1200])
def test_queries_grow_with_batches_and_cells_are_the_importers(app, editor, many):
    add_visits(app, 1)
    one, few_queries = download(app, editor, "/visits/export.csv")
    assert len(one) == 2
    if many > 1:
        add_visits(app, many - 1)
    rows, queries = download(app, editor, "/visits/export.csv")
    assert len(rows) == many + 1
    batches = -(-many // BATCH)
    assert queries <= few_queries + batches - 1
    assert rows[0] == importable("visits").importer.header
    expected = written_by_importer(app, "visits")
    assert [[as_read(cell) for cell in row] for row in rows[1:]] == expected


@pytest.mark.parametrize("area", ["contacts", "organisations", "exchanges", "press", "visits"])
def test_every_importable_kind_downloads_what_its_importer_writes(app, demo, editor, area):
    rows, _ = download(app, editor, f"/{area}/export.csv")
    assert len(rows) > 1
    written = [[as_read(cell) for cell in row] for row in rows[1:]]
    assert written == written_by_importer(app, area)
