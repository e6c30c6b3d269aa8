"""The demo's pages read in German for a German browser and in English otherwise."""

from .i18n_helpers import assert_words, demo_grant_with_amount, demo_ids, text_of


def test_home_page_in_german(german):
    response = german.get("/")
    assert '<html lang="de">' in response.get_data(as_text=True)
    assert_words(
        text_of(response),
        present=[
            "Zeitleiste",
            "Besuch erfassen",
            "Nächste geplante Austauschvorhaben",
            "Neueste Ereignisse",
            "Ereignisse pro Jahr und Partnerstadt",
            "voraussichtlich Februar 2024",
            "24.–29. September 2023",
            "Abmelden",
        ],
        absent=["Timeline", "Record a visit", "Latest events", "Log out", "probably February"],
    )


def test_home_page_in_english(english):
    response = english.get("/")
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert_words(
        text_of(response),
        present=["Timeline", "Record a visit", "Latest events", "24–29 September 2023"],
        absent=["Zeitleiste", "Besuch erfassen", "Abmelden"],
    )


def test_list_page_in_german(german):
    text = text_of(german.get("/visits/"))
    assert_words(
        text,
        present=[
            "Besuche durchsuchen",
            "nach Titel, Kurzfassung oder Partnerstadt",
            "Besuch anlegen",
            "Gastgeberstadt",
            "eingehend",
            "ausgehend",
            "stattgefunden",
        ],
        absent=["Search visits", "New visit", "Host city", "incoming", "outgoing"],
    )


def test_list_page_in_english(english):
    text = text_of(english.get("/visits/"))
    assert_words(
        text,
        present=["Search visits", "New visit", "Host city", "incoming", "outgoing", "done"],
        absent=["Besuche durchsuchen", "eingehend", "stattgefunden"],
    )


def test_form_labels_hints_and_choices_in_german(german):
    text = text_of(german.get("/visits/new"))
    assert_words(
        text,
        present=[
            "Besuch anlegen",
            "Titel",
            "Zeitraum",
            "Gastgeberstadt",
            "Zum Beispiel 24.09.2023, 24.–29. September 2023",
            "Eingehend (Gäste kommen zu uns)",
            "Stattgefunden",
            "Abgesagt",
            "Anlegen",
            "Abbrechen",
        ],
        absent=["Host city", "For example", "Incoming (guests", "Cancelled", "Cancel"],
    )


def test_form_errors_in_german_name_the_month_in_german(german, app):
    response = german.post(
        "/visits/new",
        data={"title": "", "date": "31.02.2024", "direction": "incoming", "status": "done"},
    )
    assert response.status_code == 422
    assert_words(
        text_of(response),
        present=[
            "Bitte prüfen Sie das Formular",
            "„31.02.2024“: Den 31. Februar 2024 gibt es nicht.",
            "Dieses Feld wird benötigt.",  # WTForms' own messages follow the language too
            "Bitte wählen Sie einen Eintrag aus.",
        ],
        absent=["Please check the form", "has no day", "February", "This field is required"],
    )


def test_form_errors_in_english(english):
    response = english.post(
        "/visits/new",
        data={"title": "", "date": "31.02.2024", "direction": "incoming", "status": "done"},
    )
    assert_words(
        text_of(response),
        present=[
            "Please check the form",
            "‘31.02.2024’: February 2024 has no day 31.",
            "This field is required.",
            "Choose one.",
        ],
        absent=["Bitte prüfen", "Februar 2024 gibt"],
    )


def test_zhytomyr_city_page_in_german(german, app):
    text = text_of(german.get(f"/cities/{demo_ids(app)['zhytomyr']}"))
    assert_words(
        text,
        present=[
            "Auch bekannt als",
            "Schytomyr",
            "Land",
            "Partnerschaften",
            "aktiv",
            "Zeitleiste dieser Stadt mit Filtern und Downloads öffnen",
            "Organisationen",
            "Stadtverwaltung",
            "Nichtregierungsorganisation",
            "Kontakte",
            "24.–29. September 2023",
            "Juni 2023",
        ],
        absent=[
            "Also known as",
            "Country",
            "Organisations",
            "city administration",
            "active",
            "June 2023",
        ],
    )


def test_zhytomyr_city_page_in_english(english, app):
    text = text_of(english.get(f"/cities/{demo_ids(app)['zhytomyr']}"))
    assert_words(
        text,
        present=["Also known as", "Organisations", "city administration", "active", "June 2023"],
        absent=["Auch bekannt als", "Stadtverwaltung", "Juni 2023"],
    )


def test_september_visit_page_in_german(german, app):
    text = text_of(german.get(f"/visits/{demo_ids(app)['september_visit']}"))
    assert_words(
        text,
        present=[
            "Datum 24.–29. September 2023",
            "Partnerstadt",
            "Richtung eingehend",
            "Gastgeberstadt",
            "Anlass",
            "Status stattgefunden",
            "Erster offizieller Besuch ja",
            "6 Personen",
            "Programm",
            "Während des Besuchs unterzeichnete Vereinbarungen",
            "Kooperationsvereinbarung",
            "Presseartikel",
            "Artikel lesen",
        ],
        absent=[
            "24–29 September 2023",
            "Direction",
            "incoming",
            "Host city",
            "6 people",
            "Agreements signed during the visit",
            "read the article",
        ],
    )


def test_september_visit_page_in_english(english, app):
    text = text_of(english.get(f"/visits/{demo_ids(app)['september_visit']}"))
    assert_words(
        text,
        present=[
            "Date 24–29 September 2023",
            "Direction incoming",
            "Status done",
            "First official visit yes",
            "6 people",
            "cooperation agreement",
        ],
        absent=["24.–29. September 2023", "eingehend", "Kooperationsvereinbarung"],
    )


def test_planned_exchange_is_probably_february_in_either_language(german, app):
    url = f"/exchanges/{demo_ids(app)['exchange']}"
    assert_words(
        text_of(german.get(url)),
        present=["voraussichtlich Februar 2024", "Jugendaustausch", "Was geplant ist", "geplant"],
        absent=["probably February 2024", "youth exchange", "What is planned"],
    )
    german.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert_words(
        text_of(german.get(url)),
        present=["probably February 2024", "youth exchange", "What is planned"],
        absent=["voraussichtlich", "Jugendaustausch"],
    )


def test_grant_amount_in_german_and_english(german, app):
    grant_id = demo_grant_with_amount(app, "1234.50")
    page = german.get(f"/grants/{grant_id}")
    assert "1.234,50\xa0€" in page.get_data(as_text=True)  # a space that does not break
    assert "Betrag 1.234,50 €" in text_of(page)
    assert "1.234,50 €" in text_of(german.get("/grants/"))
    german.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert "€1,234.50" in text_of(german.get(f"/grants/{grant_id}"))
    assert "€1,234.50" in text_of(german.get("/grants/"))


def test_flash_and_delete_page_in_german(german):
    response = german.post("/topics/new", data={"name": "Jugend"}, follow_redirects=True)
    assert_words(
        text_of(response),
        present=["Thema „Jugend“ wurde angelegt."],
        absent=["was created"],
    )
    topic_url = response.request.path
    assert_words(
        text_of(german.get(f"{topic_url}/delete")),
        present=["Thema „Jugend“ löschen?", "Löschen", "Behalten"],
        absent=["Delete topic", "Keep it"],
    )


def test_role_and_error_page_in_german(german):
    text = text_of(german.get("/users/"))  # editors may not manage users
    assert_words(
        text,
        present=["Nicht erlaubt", "Ihre Rolle erlaubt das nicht.", "(Schreibrecht)"],
        absent=["Not allowed", "(editor)"],
    )
    assert_words(text_of(german.get("/cities/999999")), present=["Nicht gefunden"])
