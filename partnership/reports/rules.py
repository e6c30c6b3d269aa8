"""A funder's rules for a report pack, as data: one TOML file per rule set.

Two rule sets ship in `partnership/reports/rules/`; an office adds its funder's (or changes a
shipped one) by putting a file in the instance folder's `rules/`: a file there of the same name
wins. Files are read on each use, so a change shows without a restart. A file that cannot be
read never breaks a page: it is left out, and its error names the file and the key.
"""

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from partnership.i18n import current_language

SHIPPED = Path(__file__).with_name("rules")


@dataclass(frozen=True)
class RuleSet:
    """What a funder asks of a report; None or False where it asks nothing."""

    name: str
    title: dict = field(default_factory=dict)
    minimum_participants: int = 0
    minimum_invited: int = 0
    count_signed_only: bool = False
    lists_per_day: bool = False
    require_signed_lists: bool = False
    press_evidence_per_event: bool = False
    receipts_inside_period: bool = False
    # How far a budget line may be overspent, in per cent of its planned amount; None: no check.
    allowed_overrun_percent: Decimal | None = None
    funder_statement: str = ""
    # The statement in more languages ({"de": "…", "uk": "…"}), for pages in those languages.
    funder_statement_translations: dict = field(default_factory=dict)
    # The emblem that goes with the statement (one of EMBLEMS), e.g. the EU's flag; "" none.
    funder_emblem: str = ""
    path: Path | None = None

    @property
    def label(self) -> str:
        """The title in the reader's language, else in English, else the name."""
        return self.title.get(current_language()) or self.title.get("en") or self.name

    def statement_in(self, language: str) -> str:
        """The funder's statement in `language` where the file has it, else as written."""
        return self.funder_statement_translations.get(language) or self.funder_statement


# Without a rule set chosen, the checks any funder would make.
GENERAL = RuleSet(name="", press_evidence_per_event=True, receipts_inside_period=True)


class RuleSetError(Exception):
    """A rule file that cannot be used; says which file and which key."""

    def __init__(self, path: Path, key: str, problem: str):
        self.path, self.key, self.problem = path, key, problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path.name}, {self.key}" if self.key else self.path.name
        return f"{where}: {self.problem}"


def _whole(path, key, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RuleSetError(path, key, _("Write a whole number of 0 or more, e.g. 50."))
    return value


def _yes_no(path, key, value) -> bool:
    if not isinstance(value, bool):
        raise RuleSetError(path, key, _("Write true or false."))
    return value


def _percent(path, key, value) -> Decimal:
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise RuleSetError(path, key, _("Write a number of per cent, 0 or more, e.g. 20."))
    return number


def _text(path, key, value) -> str:
    if not isinstance(value, str):
        raise RuleSetError(path, key, _("Write a text in quotes."))
    return value.strip()


def _title(path, key, value) -> dict:
    if not isinstance(value, dict) or not value:
        raise RuleSetError(path, key, _('Write a table of titles, e.g. en = "…" and de = "…".'))
    for language, text in value.items():
        _text(path, f"{key}.{language}", text)
    return {language: text.strip() for language, text in value.items()}


# Emblems the product draws itself (static/public/), by the name a rule file gives them.
EMBLEMS = ("eu",)


def _emblem(path, key, value) -> str:
    text = _text(path, key, value)
    if text and text not in EMBLEMS:
        raise RuleSetError(path, key, _("Write one of: %(emblems)s.", emblems=", ".join(EMBLEMS)))
    return text


def _texts(path, key, value) -> dict:
    if not isinstance(value, dict):
        raise RuleSetError(path, key, _('Write a table of texts, e.g. de = "…" and uk = "…".'))
    return {language: _text(path, f"{key}.{language}", text) for language, text in value.items()}


READERS = {
    "name": _text,
    "title": _title,
    "minimum_participants": _whole,
    "minimum_invited": _whole,
    "count_signed_only": _yes_no,
    "lists_per_day": _yes_no,
    "require_signed_lists": _yes_no,
    "press_evidence_per_event": _yes_no,
    "receipts_inside_period": _yes_no,
    "allowed_overrun_percent": _percent,
    "funder_statement": _text,
    "funder_statement_translations": _texts,
    "funder_emblem": _emblem,
}


def read_rule_set(path: Path) -> RuleSet:
    """Read one rule file; RuleSetError if it is not valid TOML or a key is wrong."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise RuleSetError(path, "", _("Not valid TOML: %(error)s", error=error)) from error
    except (OSError, UnicodeDecodeError) as error:
        raise RuleSetError(path, "", _("Cannot be read: %(error)s", error=error)) from error
    values = {}
    for key, value in data.items():
        reader = READERS.get(key)
        if reader is None:
            known = ", ".join(READERS)
            raise RuleSetError(path, key, _("Unknown key; known keys: %(keys)s.", keys=known))
        values[key] = reader(path, key, value)
    values.setdefault("name", path.stem)
    if values["name"] != path.stem:
        raise RuleSetError(
            path,
            "name",
            _("The name must be the file's name without .toml: %(name)s.", name=path.stem),
        )
    if values.get("minimum_invited", 0) > values.get("minimum_participants", 0):
        raise RuleSetError(path, "minimum_invited", _("Cannot be more than minimum_participants."))
    return RuleSet(path=path, **values)


def rule_folders() -> list[Path]:
    """The folders read, the shipped one first; the instance folder's files win."""
    return [SHIPPED, Path(current_app.instance_path) / "rules"]


def load_rule_sets() -> tuple[dict[str, RuleSet], list[RuleSetError]]:
    """Read every rule file: the usable rule sets by name, and the errors of the others."""
    found, errors = {}, []
    for folder in rule_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                rule_set = read_rule_set(path)
            except RuleSetError as error:
                errors.append(error)
                found.pop(path.stem, None)  # a broken copy must not pass for the shipped one
                continue
            found[rule_set.name] = rule_set
    return found, errors


def rule_set_choices() -> list[tuple[str, str]]:
    """The rule sets a programme may follow, for a select: none first, then by title."""
    found, _errors = load_rule_sets()
    ordered = sorted(found.values(), key=lambda rule_set: rule_set.label.lower())
    return [("", _("None"))] + [(rule_set.name, rule_set.label) for rule_set in ordered]


@dataclass(frozen=True)
class ChosenRules:
    """The rules a grant is checked against, and why they may be only the general ones."""

    rules: RuleSet
    chosen: str = ""
    error: RuleSetError | None = None

    @property
    def missing(self) -> bool:
        return bool(self.chosen) and self.rules is GENERAL and self.error is None


def rules_for_grant(grant) -> ChosenRules:
    """Return the rules of the grant's programme; the general ones without a usable set."""
    chosen = grant.programme.rule_set if grant.programme else ""
    if not chosen:
        return ChosenRules(GENERAL)
    found, errors = load_rule_sets()
    if chosen in found:
        return ChosenRules(found[chosen], chosen)
    error = next((error for error in errors if error.path.stem == chosen), None)
    return ChosenRules(GENERAL, chosen, error)


def rule_set_label(name: str) -> str:
    """The title of the rule set called `name`, for pages that show a programme's choice."""
    if not name:
        return ""
    found, errors = load_rule_sets()
    if name in found:
        return found[name].label
    if any(error.path.stem == name for error in errors):
        return _("%(name)s (its file cannot be read)", name=name)
    return _("%(name)s (not installed)", name=name)
