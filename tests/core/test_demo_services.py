"""The demo story is written by the same services as the pages, the imports and the CLI."""

import pytest
from sqlalchemy import func, select

from partnership.demo.story import _StoryLoader, load_demo_story, story
from partnership.extensions import db
from partnership.partners.models import City
from partnership.press.models import PressArticle
from partnership.records.entity import entity_named
from partnership.records.values import Invalid
from partnership.visits.models import Visit
from partnership.visits.services import read_visit

STORY_KINDS = (
    "cities",
    "organisations",
    "contacts",
    "partnerships",
    "delegations",
    "visits",
    "agreements",
    "exchanges",
    "press",
    "grants",
    "grant_events",
    "participants",
    "topics",
)


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table, the history included, in a fixed order."""
    return {
        table.name: sorted(db.session.execute(select(table)).all(), key=repr)
        for table in db.metadata.sorted_tables
    }


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_loading_the_demo_again_writes_not_a_single_row(app_ctx):
    assert load_demo_story() is True
    once = every_row()
    assert load_demo_story() is False
    assert every_row() == once


def test_every_demo_record_is_as_its_service_would_save_it(app_ctx):
    load_demo_story()
    loaded = every_row()
    for kind in STORY_KINDS:
        entity = entity_named(kind)
        records = db.session.scalars(select(entity.model)).all()
        assert records, f"the demo holds no {kind}"
        for record in records:
            entity.save(record, entity.read(record))
    db.session.flush()
    # Saving what a record holds changes nothing, not even its history.
    assert every_row() == loaded
    db.session.rollback()


def test_the_visit_reads_back_with_its_programme_and_topics(app_ctx):
    load_demo_story()
    written = next(v for v in story()["visits"] if v.get("programme"))
    visit = db.session.scalars(select(Visit).where(Visit.title == written["title"])).one()
    values = read_visit(visit)
    assert values.programme == tuple(written["programme"])
    assert sorted(topic.name for topic in visit.topics) == sorted(written["topics"])
    assert sorted(values.topic_ids) == sorted(topic.id for topic in visit.topics)


@pytest.mark.parametrize(
    ("data", "field_name", "model"),
    [
        ({"cities": [{"name": "Atlantis", "country_code": ""}]}, "country_code", City),
        (
            {"press": [{"title": "Atlantis rising", "url": "javascript:alert(1)"}]},
            "url",
            PressArticle,
        ),
    ],
    ids=["city without a country", "article with a script for an address"],
)
def test_a_story_the_services_refuse_writes_nothing(app_ctx, data, field_name, model):
    before = count(model)
    with pytest.raises(Invalid) as refused:
        _StoryLoader(data).load()
    assert field_name in refused.value.errors
    assert count(model) == before
