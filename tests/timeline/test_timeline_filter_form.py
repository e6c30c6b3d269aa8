"""The timeline's filter form, drawn with its words read once per language, is the markup the
shared field macro draws, in every state a field can be in."""

import re
from urllib.parse import urlencode

import pytest

from partnership.events.models import Topic
from partnership.extensions import db
from partnership.timeline.filters import filter_words
from partnership.timeline.views import _filters
from timeline.timeline_helpers import add_city

SHARED = (
    '{% from "_form.html" import render_field with context %}'
    "{% for field in form %}{{ render_field(field) }}{% endfor %}"
)
OWN = (
    '{% from "timeline/_filters.html" import filter_fields with context %}'
    "{{ filter_fields(form, words) }}"
)


@pytest.fixture
def named(app):
    with app.app_context():
        lviv = add_city("Lviv", "UA")
        add_city("Leeds", "GB")
        add_city("Leeds", "US")
        topic = Topic(name='Sport & "Youth"')
        db.session.add(topic)
        db.session.commit()
        return {"city": lviv, "topic": topic.id}


def states(named) -> list[dict]:
    return [
        {},
        {"city": named["city"], "topic": named["topic"], "kind": "visit"},
        {"date_from": "Q3 2023", "date_to": "2024", "q": '<b>"Partner" & co</b>'},
        {"kind": "no such kind", "date_from": "someday", "date_to": "2024-13"},
        {"city": "999999", "topic": "x"},
        {"city-text": "Leeds", "topic-text": "nothing like it"},
        {"city-text": "Lviv", "city-shown": "", "city": ""},
    ]


def drawn(app, template: str, args: dict, language: str) -> str:
    with app.test_request_context(
        "/timeline/?" + urlencode(args), headers={"Accept-Language": language}
    ):
        app.preprocess_request()
        form = _filters()
        html = app.jinja_env.from_string(template).render(form=form, words=filter_words(form))
    return re.sub(r"\s+", " ", html).strip()  # the same where a browser sees the same


@pytest.mark.parametrize("language", ["en", "de", "uk"])
def test_the_filter_form_draws_what_the_shared_macro_draws(app, named, language):
    differing = {}
    for args in states(named):
        for _ in range(2):  # the second time from the words read once
            shared = drawn(app, SHARED, args, language)
            own = drawn(app, OWN, args, language)
            if own != shared:
                differing[str(args)] = (shared, own)
    assert differing == {}


def test_the_timeline_page_keeps_its_filters(app, editor, named):
    html = editor.get(f"/timeline/?city={named['city']}&kind=visit&q=a%22b").get_data(as_text=True)
    assert '<option selected value="visit">Visit</option>' in html
    assert 'name="city-text" value="Lviv"' in html
    assert 'name="q" type="text" value="a&#34;b"' in html
