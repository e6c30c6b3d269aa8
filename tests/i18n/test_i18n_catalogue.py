"""Every text of the interface has a German and a Ukrainian translation, and the labels cover
every choice."""

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask_babel import force_locale
from sqlalchemy import Enum

from partnership.events.models import EventKind
from partnership.extensions import db
from partnership.formatting import EVENT_KIND_LABELS
from partnership.labels import LABELS, label
from partnership.records.entity import discover, entity_named

ROOT = Path(__file__).parents[2]
# Each area gives its enums their labels in its description; read them all before listing them.
discover()
TRANSLATED = ("de", "uk")
# Ukrainian has three plural forms: 1 (21, 31…), 2–4 (22–24…), and 5–20 (25–30…).
PLURAL_FORMS = {"de": 2, "uk": 3}


def read_catalogue(language="de"):
    catalogue = ROOT / f"partnership/translations/{language}/LC_MESSAGES/messages.po"
    with catalogue.open("rb") as f:
        return read_po(f, locale=language)


def key(message_id, context=None):
    return (context, message_id[0] if isinstance(message_id, tuple | list) else message_id)


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_message_is_empty_or_fuzzy(language):
    catalogue = read_catalogue(language)
    assert len(catalogue) > 500
    assert catalogue.num_plurals == PLURAL_FORMS[language]
    for message in catalogue:
        if not message.id:
            continue
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        strings = message.string if message.pluralizable else [message.string]
        assert len(strings) == (PLURAL_FORMS[language] if message.pluralizable else 1)
        assert all(strings), f"untranslated: {message.id!r}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_their_placeholders(language):
    assert [(m.id, errors) for m, errors in read_catalogue(language).check()] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_in_the_code_and_templates_is_in_the_catalogue(language):
    """Run the extraction `make update-translations` runs, and find nothing new."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "N_": None, "lazy_pgettext": ((1, "c"), 2)}
    translated = {key(m.id, m.context) for m in read_catalogue(language) if m.id}
    extracted = {
        key(message, context)
        for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords
        )
    }
    missing = sorted(extracted - translated, key=str)
    assert not missing, "run `make update-translations` and translate: " + repr(missing)


def test_every_stored_choice_has_a_label():
    enums = {
        column.type.enum_class
        for table in db.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, Enum) and column.type.enum_class is not None
    }
    assert enums - {EventKind} <= set(LABELS), "add labels for: " + repr(enums - set(LABELS))
    for enum_class, labels in LABELS.items():
        assert set(labels) == {member.value for member in enum_class}
    assert set(EVENT_KIND_LABELS) == {kind.value for kind in EventKind}


@pytest.mark.parametrize(
    "enum_class", sorted(LABELS, key=lambda e: e.__name__), ids=lambda e: e.__name__
)
def test_every_choice_reads_in_german(app, enum_class):
    with app.test_request_context(), force_locale("de"):
        german = {member: label(member) for member in enum_class}
    with app.test_request_context(), force_locale("en"):
        english = {member: label(member) for member in enum_class}
    assert all(english[member] and german[member] != english[member] for member in enum_class)


def test_references_explain_themselves_in_german(app):
    """The reasons a delete is refused inflect for the number in both languages."""
    partnerships, events, visits = (
        entity_named(name) for name in ("partnerships", "events", "visits")
    )
    with app.test_request_context(), force_locale("de"):
        one = partnerships.referred(1, field=partnerships.label_of("partner_city_id"))
        two = events.referred(2, field=events.label_of("partner_city_id"))
    assert one == "1 Partnerschaft verweist darauf (Feld „Partnerstadt“)."
    assert two == "2 Ereignisse verweisen darauf (Feld „Partnerstadt“)."
    with app.test_request_context(), force_locale("en"):
        assert visits.referred(1, field="host city") == "1 visit refers to it as host city."
        assert visits.referred(3, field="host city") == "3 visits refer to it as host city."
