"""Every list page reads, for its columns and its rows' names, only what its list query loads
with the rows. A relationship left to load on its own costs a statement per row, but only on
rows where it is set: data without such rows (the demo, the benchmark) counts the same for
one row as for a page. Asked to raise instead of loading (at every depth the query loads),
such a read fails here whatever the rows hold; only a read after `or` needs a row whose
first choice is empty."""

import dataclasses

from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import raiseload

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty
from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind
from partnership.records import paging
from partnership.records.entity import with_pages
from partnership.visits.models import Delegation

# What the rows added below show on their lists; any other list shows the demo's rows.
ADDED = {
    "milestones": ">Council decision</a>",
    "delegations": ">Delegation of unknown origin</a>",
    "agreements": "<td>Rowing club</td>",
}


def add_rows_reading_every_choice(app) -> None:
    with app.app_context():
        # The demo story has no milestone: without a row, its list would read nothing.
        db.session.add(Milestone(title="Council decision", milestone_kind=MilestoneKind.OTHER))
        # No city, no size: "From" goes on to the organisation, "People" counts the members.
        db.session.add(Delegation(name="Delegation of unknown origin"))
        # A party without a city: its name is the organisation's.
        club = Organisation(name="Rowing club", kind=OrganisationKind.OTHER)
        db.session.add(
            Agreement(
                title="Rowing cup agreement",
                agreement_kind=AgreementKind.OTHER,
                parties=[AgreementParty(organisation=club)],
            )
        )
        db.session.commit()


def test_list_pages_read_only_what_their_list_query_loads(app, editor, demo, monkeypatch):
    add_rows_reading_every_choice(app)
    rows_of = paging.rows_of

    def raising_rows_of(entity, ids):
        query_of = entity.list_query
        listed = dataclasses.replace(
            entity, list_query=lambda text: query_of(text).options(raiseload("*"))
        )
        return rows_of(listed, ids)

    monkeypatch.setattr(paging, "rows_of", raising_rows_of)
    unloaded, missing_rows = {}, []
    for entity in with_pages():
        try:
            body = editor.get(f"/{entity.name}/").get_data(as_text=True)
        except InvalidRequestError as error:
            unloaded[entity.name] = str(error)
            continue
        if ADDED.get(entity.name, '<th scope="row">') not in body:
            missing_rows.append(entity.name)
    assert unloaded == {}
    assert missing_rows == []
