"""Participants as funders count them: computed in SQL, per event or per grant, signed or all."""

from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import event as sqlalchemy_event

from partnership.extensions import db
from partnership.funding.models import (
    AgeGroup,
    Gender,
    Participant,
    ParticipantDay,
    ParticipantOrigin,
)
from partnership.funding.participant_counts import participant_counts, participants_for_lists
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City
from partnership.visits.models import Direction, Visit

LOCAL, INVITED = ParticipantOrigin.LOCAL, ParticipantOrigin.INTERNATIONAL


def person(event_id, name, country="UA", origin=INVITED, days=(), **fields) -> Participant:
    participant = Participant(
        event_id=event_id, name=name, country_code=country, origin=origin, **fields
    )
    participant.days = [ParticipantDay(day=day) for day in days]
    db.session.add(participant)
    return participant


@contextmanager
def counted_queries():
    seen = []

    def remember(*args):
        seen.append(args[2])

    engine = db.engine
    sqlalchemy_event.listen(engine, "before_cursor_execute", remember)
    try:
        yield seen
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", remember)


def test_counts_by_country_gender_age_origin_and_city(app, funded):
    """The visit runs 10–14 May 2024: five days."""
    with app.app_context():
        lviv = db.session.query(City).filter_by(name="Lviv").one()
        person(
            funded.visit,
            "Oksana",
            gender=Gender.FEMALE,
            sending_city_id=lviv.id,
            age_group=AgeGroup.FROM_18_TO_30,
            signed_list=True,
        )
        person(
            funded.visit,
            "Taras",
            gender=Gender.MALE,
            sending_city_id=lviv.id,
            days=[date(2024, 5, 10), date(2024, 5, 11)],
        )
        person(
            funded.visit,
            "Alex",
            country="PL",
            gender=Gender.DIVERSE,
            signed_list=True,
            days=[date(2024, 5, 12)],
        )
        person(funded.visit, "Jana", country="DE", origin=LOCAL, signed_list=True)
        person(funded.visit, "Unknown", country="")
        person(funded.visit, "Archived", gender=Gender.MALE, archived_at=datetime(2024, 6, 1))
        db.session.commit()

        counts = participant_counts(funded.visit)
        assert counts.total == 5
        # Oksana, Jana and Unknown attend all five days; Taras two, Alex one.
        assert counts.participant_days == 5 * 3 + 2 + 1
        assert counts.by_country == (("UA", 2), ("DE", 1), ("PL", 1), ("", 1))
        assert counts.by_gender == (
            (Gender.FEMALE, 1),
            (Gender.MALE, 1),
            (Gender.DIVERSE, 1),
            (None, 2),
        )
        assert counts.by_age_group == ((AgeGroup.FROM_18_TO_30, 1), (None, 4))
        assert (counts.local, counts.invited) == (1, 4)
        assert [(c.name, c.count) for c in counts.by_sending_city] == [("Lviv", 2), ("", 3)]

        signed = participant_counts(funded.visit, signed_only=True)
        assert (signed.total, signed.participant_days, signed.invited) == (3, 5 + 1 + 5, 2)
        by_grant = participant_counts(grant_id=funded.grant, signed_only=True)
        assert by_grant == signed
        outside = participant_counts(grant_id=funded.grant, period=(date(2025, 1, 1), None))
        assert outside.total == 0

        rows = list(participants_for_lists(funded.visit))
        assert [r.name for r in rows] == ["Alex", "Jana", "Oksana", "Taras", "Unknown"]
        on_the_12th = participants_for_lists(funded.visit, day=date(2024, 5, 12))
        assert [r.name for r in on_the_12th] == ["Alex", "Jana", "Oksana", "Unknown"]
        from_lviv = participants_for_lists(funded.visit, sending_city_id=lviv.id)
        assert [(r.name, r.sending_city) for r in from_lviv] == [
            ("Oksana", "Lviv"),
            ("Taras", "Lviv"),
        ]


def test_an_event_of_a_month_counts_one_day_for_who_has_no_days(app):
    with app.app_context():
        city = City(name="Lublin", country_code="PL")
        visit = Visit(
            title="Choir tour",
            direction=Direction.INCOMING,
            host_city=city,
            date=parse_fuzzy_date("June 2024"),
        )
        db.session.add(visit)
        db.session.flush()
        person(visit.id, "A")
        person(visit.id, "B", days=[date(2024, 6, 3), date(2024, 6, 4)])
        db.session.commit()
        assert participant_counts(visit.id).participant_days == 1 + 2


def test_counting_asks_as_many_queries_for_many_participants_as_for_few(app, funded):
    with app.app_context():
        person(funded.visit, "First", days=[date(2024, 5, 10)])
        db.session.commit()
        with counted_queries() as few:
            participant_counts(funded.visit)
            list(participants_for_lists(funded.visit))
        for n in range(300):
            person(
                funded.visit,
                f"P{n}",
                country="PL" if n % 2 else "UA",
                days=[date(2024, 5, 11)] if n % 3 else (),
            )
        db.session.commit()
        with counted_queries() as many:
            counts = participant_counts(funded.visit)
            list(participants_for_lists(funded.visit))
        assert counts.total == 301
        assert len(many) == len(few)
