"""The schema: migrations match the models, SQLite keeps its promises, the demo story is whole."""

import datetime
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import make_app
from engines import ON_POSTGRESQL
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from partnership.agreements.models import Agreement, AgreementKind, AgreementStatus
from partnership.events.models import Event
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.fuzzydate import Precision
from partnership.partners.models import City, Partnership
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.search.fulltext import in_the_models
from partnership.visits.models import Direction, Visit, VisitStatus

# migrations ------------------------------------------------------------------------------------


sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="a setting of SQLite connections")


@pytest.fixture
def fresh_app(empty_database):
    app = make_app(empty_database)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def schema_differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "include_name": in_the_models},
        )
        return compare_metadata(context, db.metadata)


def table_names() -> set[str]:
    return set(inspect(db.engine).get_table_names())


def test_migrations_build_the_schema_of_the_models(fresh_app):
    upgrade()
    assert {table.name for table in db.metadata.sorted_tables} <= table_names()
    differences = schema_differences()
    assert differences == [], "models and migrations disagree; run `flask db migrate`"


def test_migrations_go_down_to_base_and_up_again(fresh_app):
    upgrade()
    downgrade(revision="base")
    assert table_names() <= {"alembic_version"}
    upgrade()
    assert {table.name for table in db.metadata.sorted_tables} <= table_names()
    assert schema_differences() == []
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_a_fresh_database_needs_the_migrations(fresh_app):
    """Without the migrations the comparison sees every table missing: it really compares."""
    differences = schema_differences()
    added = {diff[1].name for diff in differences if diff[0] == "add_table"}
    assert {"city", "user", "event", "visit"} <= added


# SQLite settings -------------------------------------------------------------------------------


def test_foreign_keys_are_enforced(app_ctx):
    if not ON_POSTGRESQL:
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.session.add(Contact(name="Nobody from nowhere", city_id=9999))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalars(select(Contact)).all() == []


def test_deleting_a_referenced_city_is_refused_by_the_database(app_ctx, demo):
    zhytomyr = db.session.scalars(select(City).where(City.name == "Zhytomyr")).one()
    with pytest.raises(IntegrityError):
        db.session.execute(City.__table__.delete().where(City.id == zhytomyr.id))
    db.session.rollback()
    assert db.session.get(City, zhytomyr.id) is not None


@sqlite_only
def test_journal_mode_is_wal_on_a_file_database(app_ctx, database_path):
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() > 0
    db.session.add(City(name="Leeds", country_code="GB"))
    db.session.commit()
    # WAL is a property of the file: a plain connection, without the app's settings, sees it.
    connection = sqlite3.connect(database_path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT name FROM city").fetchall() == [("Leeds",)]
    finally:
        connection.close()


# the demo story --------------------------------------------------------------------------------


def one(model, **criteria):
    return db.session.scalars(select(model).filter_by(**criteria)).one()


@pytest.fixture
def story(app_ctx, demo):
    return {
        "dortmund": one(City, name="Dortmund"),
        "zhytomyr": one(City, name="Zhytomyr"),
        "incoming": db.session.scalars(
            select(Visit).where(Visit.direction == Direction.INCOMING)
        ).one(),
        "outgoing": db.session.scalars(
            select(Visit).where(Visit.direction == Direction.OUTGOING)
        ).one(),
    }


def test_zhytomyr_is_also_known_as_schytomyr_and_zhytomyr_in_ukrainian(story):
    zhytomyr = story["zhytomyr"]
    names = {(n.language, n.name) for n in zhytomyr.names}
    assert ("de", "Schytomyr") in names
    assert ("uk", "Житомир") in names
    assert zhytomyr.country_code == "UA"
    assert story["dortmund"].country_code == "DE"
    assert story["dortmund"].is_home
    assert not zhytomyr.is_home


def test_the_city_search_finds_zhytomyr_by_its_other_names(client, auth, demo):
    auth.login("viewer")
    for query in ("Schytomyr", "Житомир"):
        response = client.get("/cities/", query_string={"q": query})
        assert response.status_code == 200
        assert "Zhytomyr" in response.text, query
        assert "Dortmund" not in response.text.split("<main", 1)[1].split("</main>")[0], query


def test_six_person_delegation_from_zhytomyr_visits_dortmund(story):
    visit = story["incoming"]
    assert visit.partner_city == story["zhytomyr"]
    assert visit.host_city == story["dortmund"]
    assert visit.delegation.origin_city == story["zhytomyr"]
    assert visit.delegation.size == 6
    assert visit.delegation.known_size == 6
    assert visit.status == VisitStatus.DONE


def test_the_visit_lasts_24_to_29_september_2023_to_the_day(story):
    when = story["incoming"].date
    assert when.start == datetime.date(2023, 9, 24)
    assert when.end == datetime.date(2023, 9, 29)
    assert when.precision == Precision.DAY
    assert not when.tentative


def test_the_visit_was_during_the_digital_week_and_the_first_official_one(story):
    visit = story["incoming"]
    assert "Digitale Woche Dortmund" in visit.occasion
    assert visit.first_official is True
    assert story["outgoing"].first_official is False


def test_dortmund_visited_zhytomyr_in_june_2023(story):
    visit = story["outgoing"]
    assert visit.delegation.origin_city == story["dortmund"]
    assert visit.host_city == story["zhytomyr"]
    assert visit.partner_city == story["zhytomyr"]
    assert visit.date.start == datetime.date(2023, 6, 1)
    assert visit.date.end == datetime.date(2023, 6, 30)
    assert visit.date.precision == Precision.MONTH
    assert visit.date.start < story["incoming"].date.start


def test_the_people(story):
    brunsing = one(Contact, name="Barbara Brunsing")
    assert "mayor" in brunsing.role_title.lower()
    assert "deputy" not in brunsing.role_title.lower()
    assert brunsing.city == story["dortmund"]

    olshanska = one(Contact, name="Svitlana Olshanska")
    assert "deputy mayor" in olshanska.role_title.lower()
    assert olshanska.city == story["zhytomyr"]
    delegation = story["incoming"].delegation
    assert olshanska in [member.contact for member in delegation.members]

    zeuch = one(Contact, name="Fabian Zeuch")
    assert "coordinator" in zeuch.role_title.lower()
    assert zeuch.city == story["dortmund"]
    partnership = one(Partnership, partner_city_id=story["zhytomyr"].id)
    assert partnership.home_city == story["dortmund"]
    assert partnership.coordinator == zeuch


def test_the_topics_of_the_visit(story):
    topics = {topic.name.lower() for topic in story["incoming"].topics}
    assert topics == {
        "digitalisation",
        "smart city",
        "it",
        "education",
        "culture",
        "urban transformation",
        "reconstruction",
    }


def test_the_cooperation_agreement_was_signed_during_the_visit(story):
    agreement = db.session.scalars(select(Agreement)).one()
    assert agreement.agreement_kind == AgreementKind.COOPERATION
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_during == story["incoming"]
    parties = {str(party.party) for party in agreement.parties}
    assert parties == {"City of Dortmund", "Zhytomyr Volunteer Headquarter"}
    visit_dates = story["incoming"].date
    assert visit_dates.start <= agreement.date.start <= agreement.date.end <= visit_dates.end


def test_the_youth_exchange_is_tentatively_planned_for_february_2024(story):
    exchange = db.session.scalars(select(PlannedExchange)).one()
    assert exchange.exchange_kind == ExchangeKind.YOUTH
    assert exchange.status == ExchangeStatus.PLANNED
    assert exchange.partner_city == story["zhytomyr"]
    assert exchange.date.start == datetime.date(2024, 2, 1)
    assert exchange.date.end == datetime.date(2024, 2, 29)
    assert exchange.date.precision == Precision.MONTH
    assert exchange.date.tentative is True
    assert exchange.date_tentative is True


def test_the_servicestelle_funded_the_visit(story):
    grant = db.session.scalars(select(Grant)).one()
    assert grant.funder.name == "Servicestelle Kommunen in der Einen Welt"
    assert story["incoming"] in [link.event for link in grant.funded_events]


def test_the_press_article_is_linked_to_the_events(story):
    article = db.session.scalars(select(PressArticle)).one()
    assert "Newsroom" in article.outlet
    assert "Dortmund" in article.outlet
    assert article.section == "Internationales"
    tags = {tag.strip() for tag in article.tags.split(",")}
    assert tags == {"Internationales", "Digitalisierung", "Soziales"}
    linked = set(article.events)
    assert story["incoming"] in linked
    assert story["outgoing"] in linked
    assert db.session.scalars(select(Agreement)).one() in linked
    assert article in story["incoming"].press_articles


def test_the_story_has_only_its_own_events(story):
    kinds = sorted(str(kind) for kind in db.session.scalars(select(Event.kind)))
    # Its visits, agreement and exchange, one aid delivery, and six stages of three partnerships.
    stages = ["stage"] * 6
    assert kinds == ["agreement", "aid delivery", "exchange", *stages, "visit", "visit"]
