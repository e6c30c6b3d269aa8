"""German (and other usual) words an office types for the values of choice columns.

Keys are folded like `search_key`: lower case, without accents. The values' labels, as the
pages show them in German or English, are read as well.
"""

from flask_babel import force_locale

from partnership.i18n import LANGUAGES
from partnership.labels import label
from partnership.text import search_key

DIRECTION_WORDS = {
    "eingehend": "incoming",
    "ankommend": "incoming",
    "zu gast bei uns": "incoming",
    "ausgehend": "outgoing",
    "abgehend": "outgoing",
    "reise": "outgoing",
}
ORGANISATION_WORDS = {
    "stadtverwaltung": "city administration",
    "verwaltung": "city administration",
    "amt": "city department",
    "fachbereich": "city department",
    "dezernat": "city department",
    "verein": "NGO",
    "nro": "NGO",
    "ngo": "NGO",
    "unternehmen": "company",
    "firma": "company",
    "forderer": "funder",
    "geldgeber": "funder",
    "fordermittelgeber": "funder",
    "schule": "school",
    "universitat": "university",
    "hochschule": "university",
    "medien": "media",
    "presse": "media",
    "sonstige": "other",
    "andere": "other",
}
VISIT_STATUS_WORDS = {
    "geplant": "planned",
    "bestatigt": "confirmed",
    "durchgefuhrt": "done",
    "erledigt": "done",
    "stattgefunden": "done",
    "abgesagt": "cancelled",
    "canceled": "cancelled",
}
EXCHANGE_KIND_WORDS = {
    "jugendaustausch": "youth exchange",
    "jugendbegegnung": "youth exchange",
    "schuleraustausch": "school exchange",
    "schulaustausch": "school exchange",
    "studienreise": "study trip",
    "fachaustausch": "expert exchange",
    "expertenaustausch": "expert exchange",
    "kulturaustausch": "cultural exchange",
    "sonstiges": "other",
}
EXCHANGE_STATUS_WORDS = {
    "idee": "idea",
    "geplant": "planned",
    "bestatigt": "confirmed",
    "realisiert": "realised",
    "stattgefunden": "realised",
    "realized": "realised",
    "abgesagt": "cancelled",
    "canceled": "cancelled",
}


def label_words(enum_class) -> dict[str, str]:
    """Map each value's label, in every interface language and folded, to the value: a file
    may say "eingehend" where the page shows it."""
    found: dict[str, str] = {}
    for language in LANGUAGES:
        with force_locale(language):
            for member in enum_class:
                found.setdefault(search_key(label(member)), member.value)
    return found


def allowed_labels(enum_class) -> str:
    """List the values of a choice as the reader's language labels them."""
    return ", ".join(label(member) for member in enum_class)
