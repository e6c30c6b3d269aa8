"""Every kind of record with a list page, through the pages every kind shares.

One test per description: a record made through the kind's own service is listed and found,
downloads under the kind's columns, can be archived; forms are for editors; a missing record
is a 404. A new kind of record needs only an entry in MINIMAL_VALUES below.
"""

import csv
import io
from collections.abc import Callable
from itertools import count

import pytest
from sqlalchemy import func, select

from partnership.archive import get_archived
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import OrganisationKind, PartnershipKind, PartnershipStatus
from partnership.records.entity import Entity, entities, entity_named, with_pages
from partnership.stages.models import StageKind
from partnership.visits.models import Direction

from .helpers import NO_MATCH, page

KINDS = with_pages()
# What a test's record is called where its kind's search looks (name, title, reference...),
# and another record of the kind that searching for the first must not find.
WORD = "Quillfeather"
NAME = f"North {WORD}"
OTHER_NAME = "South Marblecrest"
# What would pass the form of any kind, had the viewer been allowed to send it.
TYPED_BY_A_VIEWER = {
    "name": "Changed by a viewer",
    "title": "Changed by a viewer",
    "reference": "VIEWER-1",
    "country_code": "DE",
    "date": "2024",
}

Make = Callable[..., int]
# The fewest values each kind's service accepts, with `word` where its search looks;
# `make(kind, **changes)` saves a record of another kind and returns its id.
MINIMAL_VALUES: dict[str, Callable[[str, Make], dict]] = {
    "cities": lambda word, make: {"name": word, "country_code": "UA"},
    "partnerships": lambda word, make: {
        "home_city_id": make("cities"),
        "partner_city_id": make("cities", name=word),
        "kind": PartnershipKind.TWINNING,
        "status": PartnershipStatus.ACTIVE,
    },
    "organisations": lambda word, make: {"name": word, "kind": OrganisationKind.NGO},
    "contacts": lambda word, make: {"name": word},
    "delegations": lambda word, make: {"name": word},
    "visits": lambda word, make: {
        "title": word,
        "date": parse_fuzzy_date("12.03.2024"),
        "direction": Direction.INCOMING,
        "host_city_id": make("cities"),
    },
    "exchanges": lambda word, make: {
        "title": word,
        "date": parse_fuzzy_date("Q3 2024"),
        "direction": Direction.OUTGOING,
    },
    "agreements": lambda word, make: {
        "title": word,
        "date": parse_fuzzy_date("05.05.2024"),
        "party_city_ids": [make("cities"), make("cities")],
    },
    "milestones": lambda word, make: {"title": word, "date": parse_fuzzy_date("2022")},
    "stages": lambda word, make: {
        "title": word,
        "date": parse_fuzzy_date("2019"),
        "partnership_id": make("partnerships"),
        "stage": StageKind.SIGNED,
    },
    "aid": lambda word, make: {
        "title": word,
        "date": parse_fuzzy_date("March 2023"),
        "goods": "Two fire engines",
    },
    "topics": lambda word, make: {"name": word},
    "press": lambda word, make: {"title": word},
    "programmes": lambda word, make: {
        "name": word,
        "funder_id": make("organisations", kind=OrganisationKind.FUNDER),
    },
    "grants": lambda word, make: {
        "reference": word,
        "funder_id": make("organisations", kind=OrganisationKind.FUNDER),
    },
}


def make_record(app, kind: str, word: str) -> int:
    """Save a record of `kind` (and what it needs) through the services; return its id."""
    helpers = count(1)

    def save(name: str, word: str, /, **changes) -> int:
        values_for = MINIMAL_VALUES.get(name)
        assert values_for is not None, (
            f"the kind {name!r} has a list page but no entry in MINIMAL_VALUES of {__name__}: "
            "add the fewest values its service accepts"
        )
        entity = entity_named(name)
        record = entity.model()
        entity.save(record, entity.values(**{**values_for(word, make), **changes}))
        db.session.add(record)
        db.session.flush()
        return record.id

    def make(name: str, /, **changes) -> int:
        return save(name, f"Helper{next(helpers)}", **changes)

    with app.test_request_context():
        record_id = save(kind, word)
        db.session.commit()
    return record_id


def links_to(client, url: str, target: str, **query) -> bool:
    response = client.get(url, query_string=query)
    assert response.status_code == 200, (url, query, response.status_code)
    return page(response).links_to(target)


def download_header(entity: Entity) -> list[str]:
    """The columns a list download has: the import columns of an importable kind."""
    if entity.importer is not None:
        return [column.name for column in entity.importer.columns]
    return [header for header, _ in entity.csv_columns]


def downloaded_rows(client, entity: Entity, **query) -> list[list[str]]:
    response = client.get(f"/{entity.name}/export.csv", query_string=query)
    assert response.status_code == 200, (entity.name, response.status_code)
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True).removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def records_of_every_kind(app) -> dict[str, int]:
    """How many records of each kind the pages show, to see what a request changed."""
    with app.app_context():
        return {
            entity.name: db.session.scalar(select(func.count()).select_from(entity.model))
            for entity in KINDS
        }


def values_of(app, entity: Entity, record_id: int):
    with app.app_context():
        return entity.read(db.session.get(entity.model, record_id))


def test_every_kind_with_a_list_page_is_described_here(app):
    with app.app_context():
        listed_kinds = {entity.name for entity in entities() if entity.list_query is not None}
    assert listed_kinds == {entity.name for entity in KINDS}
    missing = sorted(listed_kinds - MINIMAL_VALUES.keys())
    assert not missing, f"no MINIMAL_VALUES for {missing}: add the fewest values each accepts"


@pytest.mark.parametrize("entity", KINDS, ids=lambda entity: entity.name)
def test_kind_is_listed_found_and_downloaded(app, viewer, entity):
    area = f"/{entity.name}/"
    record_id = make_record(app, entity.name, NAME)
    other_id = make_record(app, entity.name, OTHER_NAME)
    detail, other = f"{area}{record_id}", f"{area}{other_id}"

    listing = page(viewer.get(area))
    assert listing.links_to(detail), f"the list of {entity.name} misses the new record"
    assert not listing.links_to(f"{area}new"), "a viewer is offered the new form"
    for query in (NAME, WORD.lower()):
        assert links_to(viewer, area, detail, q=query), f"searching {query!r} misses it"
        assert not links_to(viewer, area, other, q=query), f"searching {query!r} finds another"
    assert not links_to(viewer, area, detail, q=NO_MATCH), "a nonsense word finds the record"

    shown = page(viewer.get(detail))
    assert not shown.links_to(f"{detail}/edit") and not shown.links_to(f"{detail}/delete")
    assert viewer.get(f"{area}{other_id + 10_000}").status_code == 404

    header = download_header(entity)
    assert header, f"{entity.name} has a list page but no download columns"
    assert downloaded_rows(viewer, entity)[0] == header
    assert len(downloaded_rows(viewer, entity, q=WORD)) == 2, "the download misses the record"
    assert downloaded_rows(viewer, entity, q=NO_MATCH) == [header]


@pytest.mark.parametrize("entity", KINDS, ids=lambda entity: entity.name)
def test_kind_is_written_by_editors_and_archived_when_deleted(app, viewer, editor, entity):
    area = f"/{entity.name}/"
    record_id = make_record(app, entity.name, NAME)
    detail = f"{area}{record_id}"
    before, values = records_of_every_kind(app), values_of(app, entity, record_id)

    for url in (f"{area}new", f"{detail}/edit", f"{detail}/delete"):
        assert viewer.get(url).status_code == 403, url
        assert viewer.post(url, data=TYPED_BY_A_VIEWER).status_code == 403
        assert editor.get(url).status_code == 200, url
    assert records_of_every_kind(app) == before
    assert values_of(app, entity, record_id) == values
    assert page(editor.get(area)).links_to(f"{area}new")
    shown = page(editor.get(detail))
    assert shown.links_to(f"{detail}/edit") and shown.links_to(f"{detail}/delete")

    deleted = editor.post(f"{detail}/delete")
    assert deleted.status_code == 302, (entity.name, deleted.status_code)
    assert deleted.headers["Location"] == area
    with app.app_context():
        assert get_archived(entity.model, record_id) is not None, "deleting did not archive"
    assert records_of_every_kind(app) == {**before, entity.name: before[entity.name] - 1}
    assert not links_to(viewer, area, detail)
    assert viewer.get(detail).status_code == 404
