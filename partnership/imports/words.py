"""German (and other usual) words an office types for the values of choice columns.

Keys are folded like `search_key`: lower case, without accents.
"""

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
