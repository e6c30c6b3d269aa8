"""The header search at any size: as many statements for a common word, a rare one, a word of
one letter and a word found nowhere; each tier of its ranking whole when the index is asked for
few matches; every statement served by an index (as the benchmark's plan checker judges the
large data). The group and the candidates are made small here, so a few records stand for
a large office."""

import re

import pytest
from scale.test_index_steps import statements_of, steps_without_index
from scale.test_list_paging import statements_sent
from sqlalchemy import select

from partnership.events.models import EventText
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, CityName, Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.search import queries
from partnership.search.queries import search_everything
from partnership.visits.models import Delegation, Direction, Visit, VisitStatus

SHOWN = 3


@pytest.fixture
def office(app, monkeypatch):
    """Every kind holds 'Quorra' more often than a group shows; the exact name 'Quorra' and the
    names starting with it are written first, so the latest written matches are others."""
    monkeypatch.setattr(queries, "LIMIT_PER_KIND", SHOWN)
    monkeypatch.setattr(queries, "CANDIDATES", SHOWN)
    with app.app_context():
        city = City(name="Quorra", country_code="UA")
        city.names = [CityName(name="Quorra"), CityName(name="Кворра", language="uk")]
        funder = Organisation(name="Quorra", kind=OrganisationKind.FUNDER)
        db.session.add_all([city, funder])
        for name in ("Quorra Hub", *(f"Friends of Quorra {n}" for n in range(6))):
            db.session.add(Organisation(name=name, kind=OrganisationKind.OTHER, city=city))
        db.session.flush()
        for n in range(6):
            db.session.add(Contact(name=f"Ann Quorra {n}", organisation=funder, city=city))
            db.session.add(Delegation(name=f"Delegation {n} of Quorra", origin_city=city))
            db.session.add(Grant(reference=f"Q-{n}", title=f"Quorra grant {n}", funder=funder))
            visit = Visit(
                title=f"Visit to Quorra {n}",
                date=parse_fuzzy_date(f"{2010 + n}"),
                partner_city_id=city.id,
                direction=Direction.INCOMING,
                status=VisitStatus.DONE,
            )
            visit.texts = [EventText(language="de", title=f"Besuch in Quorra {n}")]
            db.session.add(visit)
        db.session.commit()
    return app


def test_as_many_statements_for_any_word_and_each_group_ranked(office, client, auth):
    auth.login("viewer")
    common = client.get("/search/", query_string={"q": "quorra"}).text
    groups = re.findall(r"<h2 id=\"hits-\d+\">([^<(]+) \((\d+)\)", common)
    assert dict(groups) == {
        "Events": "3",
        "Cities": "1",
        "Organisations": "3",
        "Contacts": "3",
        "Delegations": "3",
        "Grants": "3",
    }
    # The exact name first, then the name starting so, though the latest written are others.
    with office.app_context():
        quorra, hub = (
            db.session.scalars(select(Organisation.id).where(Organisation.name == name)).one()
            for name in ("Quorra", "Quorra Hub")
        )
    assert re.findall(r'href="/organisations/(\d+)"', common)[:2] == [str(quorra), str(hub)]
    words = ("quorra", "q", "visit to quorra 3", "zzqx")
    counts = {word: statements_sent(office, client, f"/search/?q={word}") for word in words}
    assert len(set(counts.values())) == 1, counts


def test_hits_show_their_related_records_and_every_statement_uses_an_index(office):
    with office.test_request_context():
        statements = statements_of(lambda: search_everything("Quorra"))
        groups = {str(group.label): group.hits for group in search_everything("Quorra")}
        assert "Кворра" in groups["Cities"][0].detail
        assert groups["Contacts"][0].detail == "Quorra"
        assert groups["Grants"][0].detail == "Quorra"
        assert groups["Events"][0].detail.startswith("Visit · ")
        assert steps_without_index(statements) == []
        db.session.rollback()
