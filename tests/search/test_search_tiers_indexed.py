"""The header search's exact and starting tiers come off the sorted index of each text's start,
on both engines, and find what the plain conditions find: the newest of the texts equal to the
word, or starting with it, also for a start most texts share, `%` and `_`, other scripts and a
text longer than what PostgreSQL's index holds of it."""

import pytest
from engines import ON_POSTGRESQL
from sqlalchemy import select, text

from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.search import starts
from partnership.search.fulltext import DENSE, Reach

LONG = "stadtwerke " + "x" * (starts.HEAD - 11) + " nord"
NAMES = [
    "zhytomyr",
    "zhytomyr",
    "zhytomyr youth centre",
    "friends of zhytomyr",
    "50% solar_coop",
    "500 solar coop",
    "житомир",
    "житомирська громада",
    LONG,
    LONG + " und sud",
    LONG[: starts.HEAD],
    # More than DENSE start alike: the newest of them are read another way.
    *(f"partner {n}" for n in range(DENSE + 50)),
    "zhytomyr",
]


@pytest.fixture
def office(app):
    with app.app_context():
        db.session.execute(
            text(
                "INSERT INTO organisation (name, kind, website, notes, search_text, version) "
                "VALUES (:name, 'other', '', '', :searched, 1)"
            ),
            [{"name": name, "searched": name} for name in NAMES],
        )
        # Statistics of this many rows, as a large office has them: the planner's choice.
        db.session.execute(text("ANALYZE organisation" if ON_POSTGRESQL else "ANALYZE"))
        db.session.commit()
        yield app


def newest(key: str, reach: Reach) -> list[int]:
    """What the tier holds by the plain conditions, read in Python: the newest first."""
    rows = db.session.execute(select(Organisation.id, Organisation.search_text)).all()
    if reach is Reach.NAME:
        ids = [id_ for id_, searched in rows if searched == key]
    else:
        ids = [id_ for id_, searched in rows if searched.startswith(key)]
    return sorted(ids, reverse=True)[:25]


def first(key: str, reach: Reach) -> list[int]:
    statement = starts.first_ids(
        "organisation", Organisation.id, Organisation.search_text, key, reach, 25
    )
    return sorted(db.session.scalars(statement), reverse=True)


WORDS = [
    "zhytomyr",
    "zhyt",
    "z",
    "friends of zhytomyr",
    "50%",
    "50% s",
    "500",
    "%",
    "_",
    "0_",
    "житомир",
    "жи",
    LONG,
    LONG[: starts.HEAD],
    LONG[: starts.HEAD - 1],
    LONG + " und",
    "partner",
    "partner 1",
    "partner 1049",
    "nowhere",
]


@pytest.mark.parametrize("reach", [Reach.NAME, Reach.START])
def test_the_tiers_find_the_newest_of_what_the_plain_conditions_find(office, reach):
    with office.test_request_context():
        for word in WORDS:
            assert first(word, reach) == newest(word, reach), word
        assert len(first("partner", Reach.START)) == 25
        assert first("zhytomyr", Reach.NAME) == newest("zhytomyr", Reach.NAME)
        assert len(first("zhytomyr", Reach.NAME)) == 3


def plan(statement) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    sql = str(compiled).replace("%%", "%") if ON_POSTGRESQL else str(compiled)
    if ON_POSTGRESQL:
        return "\n".join(db.session.execute(text(f"EXPLAIN {sql}")).scalars())
    return "\n".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


@pytest.mark.parametrize("word", ["zhytomyr", "partnership", "житомир", "50%"])
def test_the_exact_and_starting_tiers_use_the_sorted_index(office, word):
    index = starts.index_name("organisation", "search_text")
    with office.test_request_context():
        for reach in (Reach.NAME, Reach.START):
            shown = plan(
                starts.first_ids(
                    "organisation", Organisation.id, Organisation.search_text, word, reach, 25
                )
            )
            assert index in shown, shown
            if reach is Reach.NAME:
                # Not the trigram index, which hands over every row holding the word's trigrams
                # (the starting tier asks it only past DENSE rows in the range).
                assert "_trgm" not in shown and "VIRTUAL TABLE" not in shown, shown


def test_the_header_search_ranks_as_before(office, client, auth):
    """Exact names first (newest first among them), then names starting with the word."""
    auth.login("viewer")
    response = client.get("/search/", query_string={"q": "Zhytomyr"})
    with office.app_context():
        ids = dict(
            db.session.execute(
                select(Organisation.search_text, Organisation.id).order_by(Organisation.id)
            ).all()
        )
    exact = response.text.index(f'href="/organisations/{ids["zhytomyr"]}"')
    starting = response.text.index(f'href="/organisations/{ids["zhytomyr youth centre"]}"')
    inside = response.text.index(f'href="/organisations/{ids["friends of zhytomyr"]}"')
    assert exact < starting < inside
