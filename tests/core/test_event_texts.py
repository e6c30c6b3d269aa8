"""Titles and summaries in more languages: each reader sees their own, search finds every one."""

import pytest
from conftest import logged_in
from pages.helpers import page
from sql_counting import statements_during
from sqlalchemy import select

from partnership.auth.models import Role
from partnership.events.models import Event, EventText, Milestone, MilestoneKind
from partnership.events.texts import EventTextValues, save_event_text
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.history.models import Change
from partnership.records.values import Invalid
from partnership.visits.models import Visit

VISIT_EN = "Delegation from Zhytomyr visits Dortmund"
VISIT_DE = "Schytomyrer Delegation zu Gast in Dortmund"


def reader(app, language: str, role: Role = Role.VIEWER):
    client = logged_in(app, role)
    client.set_cookie("lang", language)
    return client


def visit_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Visit.id).where(Visit.title == VISIT_EN))


@pytest.mark.parametrize(
    ("language", "shown", "hidden"), [("de", VISIT_DE, VISIT_EN), ("en", VISIT_EN, VISIT_DE)]
)
def test_each_reader_sees_the_title_in_their_language(app, demo, language, shown, hidden):
    client = reader(app, language)
    detail = client.get(f"/visits/{visit_id(app)}")
    assert detail.status_code == 200
    assert f"<h1>{shown}</h1>" in detail.get_data(as_text=True)

    timeline = page(client.get("/timeline/")).text
    assert shown in timeline
    assert hidden not in timeline


def test_the_german_summary_replaces_the_english_one_and_the_title_of_the_tab(app, demo):
    html = reader(app, "de").get(f"/visits/{visit_id(app)}").get_data(as_text=True)
    assert "Sechs Gäste aus Schytomyr" in html
    assert "Six guests from Zhytomyr" not in html.split('id="texts')[0]


@pytest.mark.parametrize("words", ["Schytomyrer Delegation", "zu gast in dortmund"])
def test_search_finds_an_event_by_its_title_in_another_language(app, demo, words):
    client = reader(app, "en")
    assert page(client.get("/search/", query_string={"q": words})).links_to(
        f"/visits/{visit_id(app)}"
    )
    assert VISIT_EN in page(client.get("/timeline/", query_string={"q": words})).text


def test_an_editor_adds_changes_and_removes_a_language_on_the_event_page(app, demo):
    editor = logged_in(app, Role.EDITOR)
    event_id = visit_id(app)
    added = editor.post(
        f"/events/{event_id}/texts",
        data={"text-language": "en", "text-title": "Guests from Zhytomyr at the DiWoDo"},
    )
    assert added.status_code == 302
    assert added.headers["Location"] == f"/visits/{event_id}#texts"
    english = page(editor.get(f"/visits/{event_id}"))
    assert "Guests from Zhytomyr at the DiWoDo" in english.text

    # Writing the same language again replaces its words; the history keeps both.
    editor.post(
        f"/events/{event_id}/texts",
        data={"text-language": "de", "text-title": "Besuch aus Schytomyr", "text-summary": ""},
    )
    german = reader(app, "de").get(f"/visits/{event_id}").get_data(as_text=True)
    assert "<h1>Besuch aus Schytomyr</h1>" in german
    assert VISIT_DE not in german
    with app.app_context():
        visit = db.session.get(Visit, event_id)
        assert sorted(t.language for t in visit.texts) == ["de", "en", "uk"]
        german_text = next(t for t in visit.texts if t.language == "de")
        text_id = german_text.id
        changes = db.session.scalars(
            select(Change.changes).where(Change.entity == "Visit", Change.entity_id == event_id)
        ).all()
        assert any(
            f"de: {VISIT_DE}" in c.get("texts", [[]])[0]
            and "de: Besuch aus Schytomyr" in c["texts"][1]
            for c in changes
        )

    removed = editor.post(f"/events/{event_id}/texts/{text_id}/remove")
    assert removed.status_code == 302
    german = reader(app, "de").get(f"/visits/{event_id}").get_data(as_text=True)
    assert f"<h1>{VISIT_EN}</h1>" in german
    assert "Besuch aus Schytomyr" not in german


def test_a_refused_text_is_told_next_to_its_field_and_saves_nothing(app, demo):
    editor = logged_in(app, Role.EDITOR)
    event_id = visit_id(app)
    refused = editor.post(
        f"/events/{event_id}/texts",
        data={"text-language": "de", "text-title": "x" * 301},
    )
    assert refused.status_code == 422
    page(refused).assert_error("text-title", "300")
    unknown = editor.post(
        f"/events/{event_id}/texts", data={"text-language": "xx", "text-title": "Titel"}
    )
    assert unknown.status_code == 422
    assert page(unknown).error("text-language")
    with app.app_context():
        assert db.session.scalars(select(EventText.title)).all().count("x" * 301) == 0
    # A text asked for under another event is not found there.
    with app.app_context():
        other = db.session.scalar(select(EventText.id).where(EventText.event_id != event_id))
    assert editor.post(f"/events/{event_id}/texts/{other}/remove").status_code == 404
    assert logged_in(app, Role.VIEWER).post(f"/events/{event_id}/texts", data={}).status_code in (
        302,
        403,
    )


def test_the_service_refuses_a_language_the_interface_does_not_speak(app_ctx):
    milestone = Milestone(
        title="Council meeting",
        milestone_kind=MilestoneKind.MEETING,
        date=parse_fuzzy_date("2023"),
    )
    db.session.add(milestone)
    with pytest.raises(Invalid) as refused:
        save_event_text(milestone, EventTextValues(language="fr", title="Conseil", summary=""))
    assert set(refused.value.errors) == {"language"}
    save_event_text(milestone, EventTextValues(language="de", title="Ratssitzung"))
    db.session.flush()
    assert db.session.scalar(select(Event.id).where(Event.matches("ratssitzung"))) == milestone.id
    db.session.rollback()


def statements_for(app, client, url: str) -> int:
    answers = []
    statements = statements_during(app, lambda: answers.append(client.get(url)))
    assert answers[0].status_code == 200
    return len(statements)


def add_meetings(app, first: int, count: int) -> None:
    with app.app_context():
        for number in range(first, first + count):
            meeting = Milestone(
                title=f"Meeting {number}",
                milestone_kind=MilestoneKind.MEETING,
                date=parse_fuzzy_date(str(1900 + number)),
            )
            save_event_text(meeting, EventTextValues(language="de", title=f"Treffen {number}"))
            db.session.add(meeting)
        db.session.commit()


def test_the_timeline_asks_as_often_for_many_translated_events_as_for_few(app, demo):
    client = reader(app, "de")
    # The first visit writes the reader's calendar address; later ones only read.
    client.get("/timeline/")
    add_meetings(app, 0, 2)
    few = statements_for(app, client, "/timeline/")
    add_meetings(app, 2, 30)
    many = statements_for(app, client, "/timeline/")
    assert many == few
    assert "Treffen 20" in page(client.get("/timeline/")).text
