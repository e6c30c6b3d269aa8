"""Build records through the forms of their pages, and read them back (with `page_reader`)."""

import re
from collections.abc import Iterable

from page_reader import Control, Form, Page, page  # noqa: F401  (many tests import them from here)
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from partnership.extensions import db

NO_MATCH = "qqxxzz-nothing-like-this"


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
