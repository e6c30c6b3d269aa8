"""Read pages and forms as a browser would, and build records through the forms."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from partnership.extensions import db

NO_MATCH = "qqxxzz-nothing-like-this"
# Tags that start a new line of text; inline tags (a, span, strong) join their neighbours.
BLOCK_TAGS = {
    "address",
    "br",
    "button",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "header",
    "label",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "section",
    "select",
    "table",
    "td",
    "textarea",
    "th",
    "title",
    "tr",
    "ul",
}


@dataclass
class Control:
    """One input, select or textarea of a form."""

    tag: str
    attrs: dict
    options: list[tuple[str, bool]] = field(default_factory=list)
    text: str = ""
    # A record field's box shows a name; what it holds is the chosen id (or ids).
    chosen: str | list[str] | None = None

    @property
    def name(self) -> str | None:
        return self.attrs.get("name")

    @property
    def type(self) -> str:
        return (self.attrs.get("type") or "text").lower()

    @property
    def multiple(self) -> bool:
        return "multiple" in self.attrs

    @property
    def selected(self) -> list[str]:
        chosen = [value for value, selected in self.options if selected]
        if not chosen and not self.multiple and self.options:
            chosen = [self.options[0][0]]
        return chosen

    @property
    def value(self):
        """What the field shows: its text, or the chosen option(s) of a select or record field."""
        if self.chosen is not None:
            return self.chosen
        if self.tag == "textarea":
            return self.text
        if self.tag == "select":
            return self.selected if self.multiple else (self.selected or [""])[0]
        return self.attrs.get("value") or ""

    @property
    def invalid(self) -> bool:
        return self.attrs.get("aria-invalid") == "true"

    def submitted(self) -> list[tuple[str, str]]:
        """The (name, value) pairs a browser sends for this control."""
        if not self.name or "disabled" in self.attrs:
            return []
        if self.tag == "select":
            return [(self.name, value) for value in self.selected]
        if self.tag == "textarea":
            return [(self.name, self.text)]
        if self.type in ("submit", "button", "reset", "image", "file"):
            return []
        if self.type in ("checkbox", "radio"):
            return [(self.name, self.attrs.get("value") or "on")] if "checked" in self.attrs else []
        return [(self.name, self.attrs.get("value") or "")]


@dataclass
class Form:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)

    def data(self) -> list[tuple[str, str]]:
        return [pair for control in self.controls for pair in control.submitted()]


class Page(HTMLParser):
    """A rendered page: its forms, controls by id, error texts by id, links and plain text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.by_id: dict[str, Control] = {}
        self.texts_by_id: dict[str, str] = {}
        self.links: list[str] = []
        self._text: list[str] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._option: list | None = None
        self._textarea: Control | None = None
        self._capturing: list[tuple[str, str, list[str]]] = []
        self.feed(html)
        self.close()
        self.text = " ".join("".join(self._text).split())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCK_TAGS:
            self._text.append(" ")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form":
            self._form = Form(attrs.get("action") or "", (attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea"):
            control = Control(tag, attrs)
            if self._form is not None:
                self._form.controls.append(control)
            if attrs.get("id"):
                self.by_id[attrs["id"]] = control
            if tag == "select":
                self._select = control
            elif tag == "textarea":
                self._textarea = control
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
        if tag in ("p", "span", "li", "dd", "h1", "h2") and attrs.get("id"):
            self._capturing.append((tag, attrs["id"], []))

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._text.append(" ")
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._finish_option()
            self._select = None
        elif tag == "option":
            self._finish_option()
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline that follows <textarea>.
            self._textarea.text = re.sub(r"^\r?\n", "", self._textarea.text)
            self._textarea = None
        if self._capturing and self._capturing[-1][0] == tag:
            _, element_id, parts = self._capturing.pop()
            self.texts_by_id[element_id] = " ".join("".join(parts).split())

    def _finish_option(self):
        if self._option is not None and self._select is not None:
            value, selected, label = self._option
            self._select.options.append((label.strip() if value is None else value, selected))
        self._option = None

    def handle_data(self, data):
        self._text.append(data)
        if self._textarea is not None:
            self._textarea.text += data
        if self._option is not None:
            self._option[2] += data
        for _, _, parts in self._capturing:
            parts.append(data)

    # Queries ------------------------------------------------------------------------------

    def field(self, field_id: str) -> Control:
        assert field_id in self.by_id, f"no field #{field_id} on the page"
        control = self.by_id[field_id]
        if "lookup-input" in (control.attrs.get("class") or "").split():
            return replace(control, chosen=self._chosen(field_id, control))
        return control

    def _chosen(self, field_id: str, box: Control) -> str | list[str]:
        """The id a record field holds (its hidden input), or the ids of its ticked boxes."""
        if f"{field_id}-value" in self.by_id:
            return self.by_id[f"{field_id}-value"].attrs.get("value") or ""
        name = box.name.removesuffix("-text")
        form = next(form for form in self.forms if any(c is box for c in form.controls))
        return [value for key, value in form.data() if key == name]

    def error(self, field_id: str) -> str:
        """The error message shown next to a field ("" when there is none)."""
        return self.texts_by_id.get(f"{field_id}-error", "")

    def assert_error(self, field_id: str, message: str) -> None:
        """The field is marked invalid, points to its error, and the error says `message`."""
        control = self.field(field_id)
        assert control.invalid, f"#{field_id} is not marked aria-invalid"
        assert f"{field_id}-error" in (control.attrs.get("aria-describedby") or "").split()
        assert message in self.error(field_id), (message, self.error(field_id))

    def form(self, action: str = "") -> Form:
        """The post form with this action ("" is the page's own main form)."""
        for form in self.forms:
            if form.method == "post" and form.action == action:
                return form
        raise AssertionError(f"no post form with action {action!r}")

    def links_to(self, href: str) -> bool:
        return href in self.links


def page(response) -> Page:
    return Page(response.get_data(as_text=True))


# Submitting forms ---------------------------------------------------------------------------


def fill(pairs: Iterable[tuple[str, str]], changes: dict) -> list[tuple[str, str]]:
    """Replace the values of the changed fields, as typing, ticking or picking would."""
    kept = [(name, value) for name, value in pairs if name not in changes]
    for name, value in changes.items():
        if value is None or value is False:
            continue
        if value is True:
            kept.append((name, "y"))
        elif isinstance(value, list | tuple | set):
            kept.extend((name, str(item)) for item in value)
        else:
            kept.append((name, str(value)))
    return kept


def submit(client, url: str, changes: dict | None = None, action: str = ""):
    """Open the page at `url`, change some fields of its form and send it; return the answer."""
    opened = client.get(url)
    assert opened.status_code == 200, (url, opened.status_code)
    form = page(opened).form(action)
    target = form.action or url
    return client.post(target, data=MultiDict(fill(form.data(), changes or {})))


def detail_id(response, area: str) -> int:
    """The id of the record a successful form redirected to."""
    assert response.status_code == 302, (response.status_code, page(response).text[:2000])
    match = re.fullmatch(rf"/{area}/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def create(client, area: str, **fields) -> int:
    """Fill the area's 'new' form, send it, and return the id of the new record."""
    return detail_id(submit(client, f"/{area}/new", fields), area)


def edit(client, area: str, object_id: int, **fields) -> None:
    """Change fields on the edit form of a record and save it."""
    response = submit(client, f"/{area}/{object_id}/edit", fields)
    assert detail_id(response, area) == object_id


def delete(client, area: str, object_id: int):
    return client.post(f"/{area}/{object_id}/delete")


def list_page(client, area: str, query: str | None = None) -> Page:
    response = client.get(f"/{area}/", query_string={"q": query} if query is not None else None)
    assert response.status_code == 200
    return page(response)


def listed(client, area: str, object_id: int, query: str | None = None) -> bool:
    return list_page(client, area, query).links_to(f"/{area}/{object_id}")


def show(client, area: str, object_id: int) -> Page:
    response = client.get(f"/{area}/{object_id}")
    assert response.status_code == 200, (area, object_id, response.status_code)
    return page(response)


# The database -------------------------------------------------------------------------------


def count(model) -> int:
    """Rows of `model`; call inside an app context."""
    return db.session.scalar(select(func.count()).select_from(model))


def find(model, **filters):
    """The one row of `model` matching `filters`, or None; call inside an app context."""
    return db.session.scalars(select(model).filter_by(**filters)).one_or_none()


def id_of(app, model, **filters) -> int:
    with app.app_context():
        row = find(model, **filters)
        assert row is not None, (model.__name__, filters)
        return row.id


# Records built through the forms ------------------------------------------------------------


def make_city(client, name="Kharkiv", country_code="UA", **fields) -> int:
    return create(client, "cities", name=name, country_code=country_code, **fields)


def make_organisation(client, name="Youth Council", kind="NGO", **fields) -> int:
    return create(client, "organisations", name=name, kind=kind, **fields)


def make_funder(client, name="Foundation for Towns") -> int:
    return make_organisation(client, name=name, kind="funder")


def make_contact(client, name="Olena Kovalenko", **fields) -> int:
    return create(client, "contacts", name=name, **fields)


def make_delegation(client, name="Delegation of Kharkiv, May 2024", **fields) -> int:
    return create(client, "delegations", name=name, **fields)


def make_visit(client, host_city_id, title="Mayors meet in Kharkiv", date="12.03.2024", **fields):
    return create(client, "visits", title=title, date=date, host_city_id=host_city_id, **fields)


def make_agreement(client, party_city_ids, title="Friendship charter", date="05.05.2024", **fields):
    return create(
        client,
        "agreements",
        title=title,
        date=date,
        party_city_ids=party_city_ids,
        **fields,
    )


def make_exchange(client, title="School trip to Kharkiv", date="Q3 2024", **fields) -> int:
    return create(client, "exchanges", title=title, date=date, **fields)


def make_milestone(client, title="Council decides the twinning", date="2022", **fields) -> int:
    return create(client, "milestones", title=title, date=date, **fields)


def make_topic(client, name="Water supply") -> int:
    return create(client, "topics", name=name)


def make_article(client, title="Mayors shake hands", **fields) -> int:
    return create(client, "press", title=title, **fields)


def make_programme(client, funder_id, name="Small projects fund", **fields) -> int:
    return create(client, "programmes", name=name, funder_id=funder_id, **fields)


def make_grant(client, funder_id, reference="G-2024-001", **fields) -> int:
    return create(client, "grants", reference=reference, funder_id=funder_id, **fields)
