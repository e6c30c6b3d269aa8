"""Write cities, partnerships and organisations from validated forms."""

from sqlalchemy import update

from partnership.extensions import db
from partnership.partners.models import City, CityName, Organisation, Partnership


def parse_other_names(text: str) -> list[tuple[str, str]]:
    """Read 'lang: name' lines into (language, name) pairs; no colon means no language."""
    pairs = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        language, sep, name = line.partition(":")
        if sep and 1 <= len(language.strip()) <= 8 and name.strip():
            pairs.append((language.strip().lower(), name.strip()))
        else:
            pairs.append(("", line))
    return pairs


def format_other_names(city: City) -> str:
    return "\n".join(str(name) for name in city.alternative_names)


def set_city_names(city: City, name: str, other_names: list[tuple[str, str]]) -> None:
    """Keep the main name and the other names as the searchable names of `city`."""
    wanted = [("", name), *other_names]
    seen = set()
    unique = []
    for language, other in wanted:
        if (language, other) not in seen:
            seen.add((language, other))
            unique.append((language, other))
    city.names = [
        next((n for n in city.names if (n.language, n.name) == pair), None)
        or CityName(name=pair[1], language=pair[0])
        for pair in unique
    ]


def save_city(city: City, form) -> None:
    city.name = form.name.data.strip()
    city.country_code = form.country_code.data.strip().upper()
    city.region = (form.region.data or "").strip()
    city.notes = form.notes.data or ""
    set_city_names(city, city.name, parse_other_names(form.other_names.data))
    if form.is_home.data and not city.is_home:
        # There is one home city: the one marked last.
        db.session.execute(update(City).values(is_home=False))
    city.is_home = form.is_home.data


def load_city_form(city: City, form) -> None:
    form.other_names.data = format_other_names(city)


def save_partnership(partnership: Partnership, form) -> None:
    partnership.home_city_id = form.home_city_id.data
    partnership.partner_city_id = form.partner_city_id.data
    partnership.kind = form.kind.data
    partnership.status = form.status.data
    partnership.since = form.since.data
    partnership.coordinator_id = form.coordinator_id.data
    partnership.notes = form.notes.data or ""


def home_city() -> City | None:
    return db.session.scalars(db.select(City).where(City.is_home)).first()


def prefill_partnership(form) -> None:
    if (city := home_city()) is not None:
        form.home_city_id.data = city.id


def save_organisation(organisation: Organisation, form) -> None:
    organisation.name = form.name.data.strip()
    organisation.kind = form.kind.data
    organisation.city_id = form.city_id.data
    organisation.website = form.website.data or ""
    organisation.notes = form.notes.data or ""
