"""A collection of the API sends as many statements for one record as for a page of them: what
a record's answer reads beyond its office list (an event's topics, a visit's programme) is
loaded for the page at once."""

import pytest
from helpers import bearer, make_token
from sqlalchemy import event, select

from partnership.agreements.models import Agreement, AgreementKind
from partnership.aid.models import AidDelivery
from partnership.events.models import Event, Milestone, MilestoneKind, Topic
from partnership.exchanges.models import ExchangeKind, PlannedExchange
from partnership.extensions import db
from partnership.visits.models import Direction

KINDS = ["visits", "agreements", "exchanges", "milestones", "stages", "aid"]


@pytest.fixture
def every_event_with_topics(app, demo):
    """The demo, two more records of each kind it has fewer of, and two topics on every event."""
    with app.app_context():
        for n in (1, 2):
            db.session.add_all(
                [
                    Milestone(title=f"Council decides {n}", milestone_kind=MilestoneKind.OTHER),
                    Agreement(title=f"Letter of intent {n}", agreement_kind=AgreementKind.OTHER),
                    AidDelivery(title=f"Generators {n}"),
                    PlannedExchange(
                        title=f"Choir exchange {n}",
                        exchange_kind=ExchangeKind.YOUTH,
                        direction=Direction.OUTGOING,
                    ),
                ]
            )
        topics = [Topic(name="Rowing"), Topic(name="Chess")]
        for each in db.session.scalars(select(Event)).all():
            each.topics = list(topics)
        db.session.commit()


def sent(app, client, path: str, headers: dict) -> tuple[int, list]:
    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args):
        statements.append(1)

    client.get(path, headers=headers)
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path, headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, (path, response.status_code)
    return len(statements), response.json["items"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_collection_of_events_costs_the_same_for_one_as_for_a_page(
    app, client, every_event_with_topics, kind
):
    token = bearer(make_token(app))
    one, _ = sent(app, client, f"/api/v1/{kind}?per_page=1", token)
    many, items = sent(app, client, f"/api/v1/{kind}?per_page=50", token)
    assert len(items) >= 2, "a page of one record would compare nothing"
    assert all(len(item["topic_ids"]) == 2 for item in items)
    assert one == many
