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
def counted_queries(app):
    seen = []

    def remember(*args):
        # A session's last visit is noted now and then, whatever the page.
        if not args[2].startswith("UPDATE user_session"):
            seen.append(args[2])

    with app.app_context():
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


def test_counting_asks_as_many_queries_for_many_participants_as_for_few(app, funded, editor):
    url = f"/events/{funded.visit}/funding"

    def add(number: int, start: int) -> None:
        with app.app_context():
            for n in range(start, start + number):
                days = [date(2024, 5, 11)] if n % 3 else ()
                person(funded.visit, f"P{n:03d}", country="PL" if n % 2 else "UA", days=days)
            db.session.commit()

    def measure():
        with counted_queries(app) as asked, app.app_context():
            counts = participant_counts(funded.visit)
            list(participants_for_lists(funded.visit))
        with counted_queries(app) as asked_by_the_page:
            shown = editor.get(url).get_data(as_text=True)
        return counts, len(asked), len(asked_by_the_page), shown

    add(150, 0)
    editor.get(url)  # the first request of a session asks more
    _, few, few_on_the_page, _ = measure()
    add(300, 150)
    counts, many, many_on_the_page, shown = measure()
    assert counts.total == 450
    assert (many, many_on_the_page) == (few, few_on_the_page)
    # The page lists 100 of them, and says how many pages there are.
    assert shown.count('name="ticked"') == 100
    assert "Page 1 of 5" in shown
