"""The history reads in the reader's words: field and kind labels, choice labels, yes and no,
and one entry per save."""

import re

from pages.helpers import create, edit, make_city, page
from sqlalchemy import func, select

from partnership.extensions import db
from partnership.history.models import Change


def entries(app, kind: str, record_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(Change)
            .where(Change.entity == kind, Change.entity_id == record_id)
        )


def rows_of(response) -> dict[str, tuple[str, str]]:
    """The newest entry's table: field label → (before, after)."""
    first = response.text.split('<article class="change">')[1].split("</article>")[0]
    found = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>', first)
    return {label.strip(): (before.strip(), after.strip()) for label, before, after in found}


def test_fields_and_choices_read_as_their_labels(app, editor, viewer):
    home = make_city(editor, "Schwerte", country_code="DE", is_home="y")
    partner = make_city(editor, "Zhytomyr", country_code="UA")
    partnership = create(
        editor,
        "partnerships",
        home_city_id=home,
        partner_city_id=partner,
        kind="solidarity",
        status="planned",
        since="2022",
    )
    edit(editor, "partnerships", partnership, kind="twinning", status="active")

    rows = rows_of(viewer.get(f"/history/Partnership/{partnership}"))
    assert rows["Kind"] == ("solidarity", "twinning")
    assert rows["Status"] == ("planned", "active")

    created = viewer.get(f"/history/City/{home}").text
    assert "True" not in created and "False" not in created and "None" not in created
    assert re.search(r'<th scope="row">Home city</th>\s*<td>—</td>\s*<td>yes</td>', created)


def test_the_german_reader_reads_german_labels(app, editor, viewer):
    city = make_city(editor, "Korosten", country_code="UA")
    edit(editor, "cities", city, region="Schytomyr")
    viewer.set_cookie("lang", "de")

    rows = rows_of(viewer.get(f"/history/City/{city}"))
    assert rows["Region"] == ("—", "Schytomyr")
    text = page(viewer.get(f"/history/City/{city}")).text
    assert "geändert" in text


def test_the_filter_names_kinds_of_record_as_people_do(app, admin):
    response = admin.get("/history/")
    options = dict(re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', response.text))
    assert options["PlannedExchange"] == "Planned exchange"
    assert options["Partnership"] == "Partnership"
    assert "PlannedExchange" not in options.values()


def test_one_save_is_one_entry(app, editor):
    city = make_city(editor, "Berdychiv", country_code="UA", other_names="uk: Бердичів")
    assert entries(app, "City", city) == 1
    edit(editor, "cities", city, name="Berdytschiw", other_names="uk: Бердичів\nen: Berdychiv")
    assert entries(app, "City", city) == 2
