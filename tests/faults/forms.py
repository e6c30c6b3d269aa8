"""Read a page's form as a browser would send it: every field with its current value."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str):
        super().__init__()
        self.action = action
        self.inside = self.done = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = not self.done and attrs.get("action", "") == self.action
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button"):
                self.fields.append(
                    (attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
                )
        elif tag == "select":
            self._select, self._multiple, self._first, self._chosen = (
                attrs["name"],
                "multiple" in attrs,
                None,
                False,
            )
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = attrs.get("value", "")
            if "selected" in attrs:
                self._chosen = True
                self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.done = self.done or self.inside
            self.inside = False
        elif tag == "select" and self._select:
            # A browser sends a single choice list's first option when none is marked.
            if not self._chosen and not self._multiple and self._first is not None:
                self.fields.append((self._select, self._first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_fields(html: str, action: str = "") -> dict[str, str | list[str]]:
    """Return the fields of the page's first form posting to `action` ("": to the page)."""
    reader = _FormReader(action)
    reader.feed(html)
    fields: dict[str, str | list[str]] = {}
    for name, value in reader.fields:
        if name in fields:
            previous = fields[name]
            fields[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            fields[name] = value
    return fields
