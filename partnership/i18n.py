"""The interface language: German, English or Ukrainian, following the browser until a user
picks one."""

from pathlib import Path

from flask import Blueprint, Flask, current_app, g, has_request_context, redirect, request
from flask_babel import get_locale

from partnership.extensions import babel
from partnership.redirects import safe_local_target

LANGUAGES = {"de": "Deutsch", "en": "English", "uk": "Українська"}
DEFAULT_LANGUAGE = "en"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).parent / "translations"

bp = Blueprint("i18n", __name__)


def select_language() -> str:
    """Return the language the user picked, else the browser's best match."""
    if not has_request_context():
        return DEFAULT_LANGUAGE  # the command line speaks the source language
    picked = request.cookies.get(cookie_name())
    if picked in LANGUAGES:
        return picked
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def cookie_name() -> str:
    """Return the language cookie's name (prefixed behind HTTPS, see partnership.security)."""
    return current_app.config.get("LANGUAGE_COOKIE_NAME", COOKIE)


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else DEFAULT_LANGUAGE


def in_sentence(noun) -> str:
    """Write a label as it reads inside a sentence: 'New city', but German 'Stadt anlegen'
    (German nouns keep their capital; English and Ukrainian ones do not)."""
    text = str(noun)
    return text if current_language() == "de" else text.lower()


def use_main_names() -> None:
    """Name records by their main names for the rest of this request, not in the reader's
    language: a download is read back by an import, which knows them under those."""
    g.main_names = True


def main_names_wanted() -> bool:
    return bool(g.get("main_names")) if has_request_context() else True


@bp.post("/language")
def choose_language():
    """Remember the chosen language in a cookie and go back to the page the user was on."""
    language = request.form.get("language", "")
    response = redirect(safe_local_target(request.form.get("next")))
    if language in LANGUAGES:
        response.set_cookie(
            cookie_name(),
            language,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_language,
        default_translation_directories=str(TRANSLATIONS),
    )
    app.add_template_global(current_language)
    app.add_template_global(LANGUAGES, "languages")
    app.add_template_filter(in_sentence)
