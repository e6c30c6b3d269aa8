"""An event's participants on its funding page: the form's new fields, the funder's counts,
marking ticked participants as signed, and importing a list from a spreadsheet."""

import io
from datetime import date

from pages.helpers import count, find, page
from sqlalchemy import select

from partnership.extensions import db
from partnership.funding.models import AgeGroup, Gender, Participant, ParticipantOrigin
from partnership.partners.models import City
from partnership.people.models import Contact

from .test_event_receipts_participants import add_participant, funding_url


def city_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(City.id).where(City.name == name))


# The form ------------------------------------------------------------------------------------


def test_a_participant_with_gender_age_sending_city_and_days(editor, app, funded):
    """The visit runs 10–14 May 2024: five boxes; ticking every one means every day."""
    shown = page(editor.get(funding_url(funded.visit)))
    boxes = [shown.field(f"participant-days-{n}") for n in range(1, 6)]
    assert [b.attrs["value"] for b in boxes][::4] == ["2024-05-10", "2024-05-14"]
    lviv = city_id(app, "Lviv")
    response = editor.post(
        f"{funding_url(funded.visit)}/participants",
        data={
            "participant-name": "Oksana",
            "participant-origin": "international",
            "participant-gender": "female",
            "participant-age_group": "18 to 30",
            "participant-sending_city_id": lviv,
            "participant-days": ["2024-05-10", "2024-05-11"],
        },
    )
    assert response.status_code == 302
    add_participant(
        editor,
        funded.visit,
        name="Jan",
        days=["2024-05-10", "2024-05-11", "2024-05-12", "2024-05-13", "2024-05-14"],
    )
    with app.app_context():
        oksana = find(Participant, name="Oksana")
        assert (oksana.gender, oksana.age_group) == (Gender.FEMALE, AgeGroup.FROM_18_TO_30)
        # The country comes from the sending city when none is typed.
        assert (oksana.sending_city.name, oksana.country_code) == ("Lviv", "UA")
        assert [d.day for d in oksana.days] == [date(2024, 5, 10), date(2024, 5, 11)]
        assert find(Participant, name="Jan").days == []
    shown = page(editor.get(funding_url(funded.visit)))
    assert "Participant-days 7" in shown.text  # 2 + 5
    assert "Gender: female 1 0" in shown.text
    assert "every day" in shown.text


def test_the_contacts_city_is_the_sending_city_when_none_is_chosen(editor, app, funded):
    with app.app_context():
        lviv = db.session.scalars(select(City).where(City.name == "Lviv")).one()
        contact = Contact(name="Andrii", city=lviv)
        db.session.add(contact)
        db.session.commit()
        contact_id = contact.id
    assert add_participant(editor, funded.visit, contact_id=contact_id).status_code == 302
    with app.app_context():
        assert find(Participant, contact_id=contact_id).sending_city.name == "Lviv"


def test_an_unknown_gender_and_a_day_outside_the_event_are_refused(editor, app, funded):
    response = add_participant(
        editor, funded.visit, name="Iryna", gender="robot", age_group="ancient"
    )
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("participant-gender", "Choose one of the offered values.")
    shown.assert_error("participant-age_group", "Choose one of the offered values.")
    assert shown.field("participant-name").attrs["value"] == "Iryna"

    response = add_participant(editor, funded.visit, name="Iryna", days="2024-06-01")
    assert response.status_code == 422
    shown = page(response)
    assert "1 June 2024 is not a day of this activity (10–14 May 2024)" in shown.error(
        "participant-days"
    )
    assert shown.field("participant-days-1").invalid
    with app.app_context():
        assert count(Participant) == 0


def test_days_are_typed_for_a_long_event(editor, app, funded):
    with app.app_context():
        from partnership.events.models import Event
        from partnership.fuzzydate import parse_fuzzy_date

        db.session.get(Event, funded.visit).date = parse_fuzzy_date("May 2024")
        db.session.commit()
    response = add_participant(editor, funded.visit, name="Taras", days="12.05.2024; 13.05.2024")
    assert response.status_code == 302
    response = add_participant(editor, funded.visit, name="Olha", days="12.05.2024, sometime")
    page(response).assert_error("participant-days", "“sometime” is not one day")
    with app.app_context():
        assert [d.day.day for d in find(Participant, name="Taras").days] == [12, 13]


# Marked as signed after the event --------------------------------------------------------------


def ticks(app, *names) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(select(Participant).where(Participant.name.in_(names)))
        return [f"{p.id}:{p.version}" for p in rows]


def test_ticked_participants_are_marked_as_signed_at_once(editor, app, funded):
    for name in ("Iryna", "Jan", "Olha"):
        add_participant(editor, funded.visit, name=name)
    shown = page(editor.get(funding_url(funded.visit)))
    assert "scanned signed list" in shown.text
    url = f"{funding_url(funded.visit)}/participants/signed"
    response = editor.post(url, data={"ticked": ticks(app, "Iryna", "Jan"), "signed": "yes"})
    assert response.status_code == 302
    with app.app_context():
        signed = db.session.scalars(select(Participant.name).where(Participant.signed_list))
        assert sorted(signed) == ["Iryna", "Jan"]
    shown = page(editor.get(funding_url(funded.visit)))
    assert "Participants 3 2" in shown.text

    # A page loaded before someone else's change marks nothing, not even the unchanged rows.
    stale = ticks(app, "Iryna", "Olha")
    editor.post(url, data={"ticked": ticks(app, "Iryna"), "signed": "no"})
    response = editor.post(url, data={"ticked": stale, "signed": "yes"}, follow_redirects=True)
    assert "Nothing was marked" in page(response).text
    with app.app_context():
        assert find(Participant, name="Olha").signed_list is False
        assert find(Participant, name="Iryna").signed_list is False
    assert editor.post(url, data={"ticked": ["x:1", "99999999999:1"]}).status_code == 302


# Imported from a spreadsheet -------------------------------------------------------------------


def upload(client, event_id, text: str, **fields):
    data = {"file": (io.BytesIO(text.encode()), "teilnehmende.csv"), **fields}
    return client.post(
        f"{funding_url(event_id)}/participants/import",
        data=data,
        content_type="multipart/form-data",
    )


LIST = (
    "Name;Organisation;Entsendende Stadt;Land;Geschlecht;Altersgruppe;Lokal oder eingeladen;"
    "Unterschrieben;Tage\n"
    "Oksana;Youth council;Lviv;;weiblich;18-30;;ja;10.05.2024, 11.05.2024\n"
    "Jana;Jugendring;;DE;w;;lokal;nein;\n"
)


def test_a_participant_list_is_imported_and_counted(editor, app, funded):
    with app.app_context():
        # The home city (Dortmund, Germany) makes Jana local and Oksana invited.
        assert db.session.scalar(select(City.country_code).where(City.is_home)) == "DE"
    checked = upload(editor, funded.visit, LIST, check_only="y")
    assert checked.status_code == 200
    assert "2 new" in page(checked).text
    with app.app_context():
        assert count(Participant) == 0
    response = upload(editor, funded.visit, LIST)
    assert response.status_code == 302
    with app.app_context():
        oksana = find(Participant, name="Oksana")
        assert oksana.origin is ParticipantOrigin.INTERNATIONAL
        assert (oksana.country_code, oksana.gender, oksana.signed_list) == (
            "UA",
            Gender.FEMALE,
            True,
        )
        assert len(oksana.days) == 2
        assert find(Participant, name="Jana").origin is ParticipantOrigin.LOCAL
    # The same list again changes nothing and doubles no one.
    assert upload(editor, funded.visit, LIST).status_code == 302
    with app.app_context():
        assert count(Participant) == 2


def test_a_list_with_a_wrong_row_imports_nothing(editor, app, funded):
    bad = LIST + "Taras;;Atlantis;;;;;;\nOlha;;;;male-ish;;;;01.01.2020\n"
    response = upload(editor, funded.visit, bad)
    assert response.status_code == 422
    text = page(response).text
    assert "Nothing was imported" in text
    assert "Row 4, column “Sending city”, value “Atlantis”" in text
    assert "Row 5, column “Gender”, value “male-ish”" in text
    with app.app_context():
        assert count(Participant) == 0
    # A day the service refuses (outside the event) rolls back the rows before it too.
    outside = LIST + "Olha;;;;;;;;01.01.2020\n"
    response = upload(editor, funded.visit, outside)
    assert response.status_code == 422
    assert "Row 4, column “Days”" in page(response).text
    with app.app_context():
        assert count(Participant) == 0


def test_a_viewer_cannot_import_or_mark(viewer, app, funded):
    assert upload(viewer, funded.visit, LIST).status_code == 403
    url = f"{funding_url(funded.visit)}/participants/signed"
    assert viewer.post(url, data={"ticked": ["1:1"]}).status_code == 403
