"""Fixtures for the login and permission tests."""

import pytest
from sqlalchemy import select

from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.funding.models import Programme
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import Organisation, OrganisationKind

from .ldap_server import SlapdServer, slapd_available
from .urls import DETAIL_MODELS


@pytest.fixture
def full_demo(app, demo):
    """The demo story plus a milestone and a funding programme, so every kind of record exists."""
    with app.app_context():
        funder = db.session.scalars(
            select(Organisation).where(Organisation.kind == OrganisationKind.FUNDER)
        ).first()
        db.session.add(Programme(name="Kommunale Partnerschaften", funder=funder))
        db.session.add(
            Milestone(
                title="Council decides on the solidarity partnership",
                milestone_kind=MilestoneKind.COUNCIL_DECISION,
                date=parse_fuzzy_date("2022"),
            )
        )
        db.session.commit()
        missing = [
            name
            for name, model in DETAIL_MODELS.items()
            if db.session.scalar(select(model.id).limit(1)) is None
        ]
        assert not missing, f"no record to open for {missing}"


@pytest.fixture(scope="session")
def slapd(tmp_path_factory):
    """A real OpenLDAP server on 127.0.0.1 holding the test directory, for the whole run."""
    if not slapd_available():
        pytest.skip("slapd or openssl is missing: `make directory-server` installs them")
    server = SlapdServer(tmp_path_factory.mktemp("slapd"))
    yield server
    server.stop()
