"""Merging two records of one kind: every reference moves, the history tells, an admin undoes."""

from datetime import date

from conftest import logged_in
from page_reader import page
from pages.helpers import id_of
from sqlalchemy import delete, func, select

from partnership.auth.models import Role
from partnership.extensions import db
from partnership.funding.models import Participant, ParticipantDay, ParticipantOrigin
from partnership.merging.models import RecordMerge
from partnership.partners.models import City, Partnership
from partnership.people.models import Contact, ContactRole
from partnership.visits.models import Delegation, DelegationMember

from .merge_helpers import pointing_at, referring


def contact(name: str) -> Contact:
    return Contact(name=name, role_title="", email="", phone="", languages="", notes="")


def twin_of_svitlana(app) -> tuple[int, int]:
    """A second record of the deputy mayor, referred to in every way a contact can be."""
    with app.app_context():
        svitlana = db.session.scalars(
            select(Contact).where(Contact.name == "Svitlana Olshanska")
        ).one()
        twin = contact("S. Olshanska")
        db.session.add(twin)
        db.session.flush()
        # The same delegation and event as the original: these rows would repeat hers.
        member = db.session.scalars(
            select(DelegationMember).where(DelegationMember.contact_id == svitlana.id)
        ).one()
        db.session.add(
            DelegationMember(delegation_id=member.delegation_id, contact_id=twin.id, role="guest")
        )
        event_id = db.session.scalars(
            select(Participant.event_id).where(Participant.contact_id == svitlana.id)
        ).one()
        # A repeated participant with a day attended: the day goes with it and comes back.
        db.session.add(
            Participant(
                event_id=event_id,
                contact_id=twin.id,
                origin=ParticipantOrigin.INTERNATIONAL,
                days=[ParticipantDay(day=date(2023, 9, 14))],
            )
        )
        # Elsewhere: these move.
        other = Delegation(name="Delegation of Zhytomyr, May 2024", notes="", head_id=twin.id)
        other.members.append(DelegationMember(contact_id=twin.id, role="head"))
        db.session.add(other)
        db.session.add(ContactRole(contact_id=twin.id, title="Deputy mayor"))
        partnership = db.session.scalars(select(Partnership)).first()
        partnership.coordinator_id = twin.id
        db.session.commit()
        return svitlana.id, twin.id


def test_a_merge_moves_every_reference_and_an_undo_puts_each_back(app, editor, demo):
    svitlana, twin = twin_of_svitlana(app)
    with app.app_context():
        before = referring(Contact, [svitlana, twin])
        days = db.session.scalar(select(func.count(ParticipantDay.id)))

    chosen = editor.post(f"/contacts/{twin}/merge", data={"other": svitlana, "keep": "other"})
    assert chosen.status_code == 200
    text = page(chosen).text
    assert "“S. Olshanska” will be merged into “Svitlana Olshanska”" in text
    assert "1 partnership refers to it as coordinator." in text
    assert "1 of them repeats one of the record kept and is removed." in text
    with app.app_context():
        assert db.session.get(Contact, twin) is not None  # nothing changed yet

    done = editor.post(
        f"/contacts/{twin}/merge", data={"other": svitlana, "keep": "other", "confirm": "1"}
    )
    assert done.status_code == 302
    assert done.headers["Location"] == f"/contacts/{svitlana}"
    with app.app_context():
        assert pointing_at(Contact, twin) == {}
        moved = pointing_at(Contact, svitlana)
        # Two memberships and participations of hers stay one each: the repeats were dropped.
        assert moved["delegation_member"] == 2 and moved["participant"] == 1
        assert moved["partnership"] == 1 and moved["delegation"] == 1
        assert moved["contact_role"] == 1
        assert db.session.get(Contact, twin) is None  # archived: no page shows it
        merge = db.session.scalars(select(RecordMerge)).one()
        assert (merge.kept_id, merge.merged_id) == (svitlana, twin)
        assert sum(1 for move in merge.moves if "dropped" in move) == 2
        assert db.session.scalar(select(func.count(ParticipantDay.id))) == days - 1

    admin = logged_in(app, Role.ADMIN)
    kept_history = page(admin.get(f"/history/Contact/{svitlana}")).text
    assert "Merged into this record" in kept_history and "S. Olshanska" in kept_history
    merged_history = page(admin.get(f"/history/Contact/{twin}")).text
    assert "Merged into" in merged_history and "Svitlana Olshanska" in merged_history

    assert admin.get("/merges/").status_code == 200
    undone = admin.post(f"/merges/{merge.id}/undo")
    assert undone.status_code == 302
    with app.app_context():
        assert referring(Contact, [svitlana, twin]) == before
        days_of_twin = select(ParticipantDay.day).join(Participant)
        days_of_twin = days_of_twin.where(Participant.contact_id == twin)
        assert db.session.scalars(days_of_twin).all() == [date(2023, 9, 14)]
        assert db.session.get(Contact, twin) is not None
        assert db.session.get(RecordMerge, merge.id).undone_at is not None
    merged_history = page(admin.get(f"/history/Contact/{twin}")).text
    assert "merge undone" in merged_history
    # Undone once is undone: a second undo changes nothing.
    assert admin.post(f"/merges/{merge.id}/undo").status_code == 409


def test_an_undo_is_refused_when_the_merged_record_is_gone(app, editor, demo):
    with app.app_context():
        first, second = contact("Olena Kovalenko"), contact("Olena Kovalenko")
        db.session.add_all([first, second])
        db.session.commit()
        first_id, second_id = first.id, second.id
    response = editor.post(
        f"/contacts/{first_id}/merge", data={"other": second_id, "keep": "this", "confirm": "1"}
    )
    assert response.status_code == 302
    with app.app_context():
        merge_id = db.session.scalars(select(RecordMerge.id)).one()
        db.session.execute(delete(Contact).where(Contact.id == second_id))
        db.session.commit()
    refused = logged_in(app, Role.ADMIN).post(f"/merges/{merge_id}/undo")
    assert refused.status_code == 409
    assert "no longer exists" in page(refused).text


def test_a_city_takes_the_names_of_the_city_merged_into_it(app, editor, demo):
    zhytomyr = id_of(app, City, name="Zhytomyr")
    with app.app_context():
        twin = City(name="Zhitomir", country_code="UA", region="", notes="")
        from partnership.partners.services import set_city_names

        set_city_names(twin, "Zhitomir", [("uk", "Житомир")])
        db.session.add(twin)
        db.session.commit()
        twin_id = twin.id
    asked = editor.post(f"/cities/{zhytomyr}/merge", data={"other": twin_id, "keep": "this"})
    assert "2 of its names become other names of the city kept." in page(asked).text
    response = editor.post(
        f"/cities/{zhytomyr}/merge", data={"other": twin_id, "keep": "this", "confirm": "1"}
    )
    assert response.status_code == 302
    # The other name moves; the Ukrainian name it shares with Zhytomyr is not doubled.
    found = editor.get("/cities/", query_string={"q": "Zhitomir"})
    assert page(found).links_to(f"/cities/{zhytomyr}")


def test_the_home_city_cannot_be_merged_away(app, editor, demo):
    dortmund = id_of(app, City, name="Dortmund")
    zhytomyr = id_of(app, City, name="Zhytomyr")
    refused = editor.post(
        f"/cities/{zhytomyr}/merge", data={"other": dortmund, "keep": "this", "confirm": "1"}
    )
    assert refused.status_code == 409
    assert "home city cannot be merged away" in page(refused).text
    with app.app_context():
        assert db.session.get(City, dortmund) is not None


def test_viewers_cannot_merge_editors_cannot_undo_and_unknown_ids_are_not_found(app, demo):
    fabian = id_of(app, Contact, name="Fabian Zeuch")
    viewer, editor, admin = (
        logged_in(app, role) for role in (Role.VIEWER, Role.EDITOR, Role.ADMIN)
    )
    assert viewer.get(f"/contacts/{fabian}/merge").status_code == 403
    assert viewer.post(f"/contacts/{fabian}/merge", data={"other": 1}).status_code == 403
    assert 'merge"' not in viewer.get(f"/contacts/{fabian}").text
    assert f'href="/contacts/{fabian}/merge"' in editor.get(f"/contacts/{fabian}").text
    assert editor.get(f"/contacts/{fabian}/merge").status_code == 200
    assert editor.get("/merges/").status_code == 403
    assert editor.post("/merges/1/undo").status_code == 403
    assert editor.get("/contacts/2147483647/merge").status_code == 404
    assert admin.post("/merges/2147483647/undo").status_code == 404
    assert admin.get("/merges/").status_code == 200
