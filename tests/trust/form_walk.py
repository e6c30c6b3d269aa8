"""Find every form of the app that stores text, as a browser would: by opening its pages."""

from dataclasses import dataclass

from auth.urls import existing_ids, url_with_existing_record
from page_reader import Control, Form, page
from sqlalchemy import Enum, String, func, select

from partnership.extensions import db

TEXT_INPUTS = {"text", "email", "url", "tel", "search"}
DOWNLOADS = (".csv", ".ics", ".zip", ".json", ".xlsx", "/data")
# Bookkeeping that a refused form may write: not records.
NOT_RECORDS = {"submitted_form", "audit_entry", "login_attempt", "user_session", "alembic_version"}


@dataclass(frozen=True)
class FoundForm:
    page_url: str
    form: Form

    @property
    def action(self) -> str:
        return self.form.action or self.page_url

    def text_fields(self) -> list[Control]:
        return [control for control in self.form.controls if is_text(control)]


def is_text(control: Control) -> bool:
    if not control.name or "disabled" in control.attrs or "readonly" in control.attrs:
        return False
    return control.tag == "textarea" or (control.tag == "input" and control.type in TEXT_INPUTS)


def readable_pages(app) -> list[str]:
    """The address of every page a logged-in admin can open with GET, records that exist."""
    ids = existing_ids(app)
    urls = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint == "static" or "<token>" in rule.rule:
            continue
        url = url_with_existing_record(rule, ids)
        if not url.endswith(DOWNLOADS):
            urls.append(url)
    return urls


def forms_storing_text(client, app) -> list[FoundForm]:
    """Every post form with a text field on every page, once per action."""
    found: dict[str, FoundForm] = {}
    for url in readable_pages(app):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.content_type:
            continue
        for form in page(response).forms:
            candidate = FoundForm(url, form)
            if form.method == "post" and candidate.text_fields():
                found.setdefault(candidate.action, candidate)
    return list(found.values())


def endpoint_of(app, action: str) -> str:
    path = action.split("?")[0]
    return app.url_map.bind("localhost").match(path, method="POST")[0]


def record_counts(app) -> dict[str, int]:
    """How many rows each table of records holds: a refused form changes none of them."""
    with app.app_context():
        tables = [t for t in db.metadata.sorted_tables if t.name not in NOT_RECORDS]
        counts = {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in tables}
        db.session.remove()
        return counts


def stored_anywhere(app, marker: str) -> list[str]:
    """Name every column of every table that holds `marker` somewhere in its text."""
    with app.app_context():
        found = []
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                # Text is a String too; an Enum is one but holds only its own values.
                if isinstance(column.type, String) and not isinstance(column.type, Enum):
                    query = select(func.count()).where(column.contains(marker, autoescape=True))
                    if db.session.scalar(query):
                        found.append(f"{table.name}.{column.name}")
        db.session.remove()
        return found
