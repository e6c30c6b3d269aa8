"""Read a rendered page as a browser would: its text, forms, fields, errors and links.

The one reader of HTML for every test: `page(response)` (or `Page(html)`), and `text_of`,
`form_fields` and `hidden_fields` for the tests that need only those.
"""

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

# What no browser shows as text.
UNSEEN_TAGS = {"script", "style"}
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
        # Inside <script> or <style>: text no browser shows.
        self._unseen: str | None = None
        self.feed(html)
        self.close()
        self.text = " ".join("".join(self._text).split())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in UNSEEN_TAGS:
            self._unseen = tag
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
        if tag == self._unseen:
            self._unseen = None
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
        if self._unseen:
            return
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


def text_of(response) -> str:
    """The text of a page as a person reads it, runs of white space made one space."""
    return page(response).text


def form_fields(html: str, action: str = "") -> dict[str, str | list[str]]:
    """The fields the first form posting to `action` ("": to the page itself) would send."""
    form = next((form for form in Page(html).forms if form.action == action), None)
    fields: dict[str, str | list[str]] = {}
    for name, value in form.data() if form else []:
        if name in fields:
            previous = fields[name]
            fields[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            fields[name] = value
    return fields


def hidden_fields(html: str, action: str) -> dict[str, str]:
    """The hidden inputs of the form posting to `action`."""
    form = next((form for form in Page(html).forms if form.action == action), None)
    assert form, f"the page has no form posting to {action}"
    return {
        control.name: control.attrs.get("value") or ""
        for control in form.controls
        if control.tag == "input" and control.type == "hidden" and control.name
    }
