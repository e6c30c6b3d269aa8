"""Write cities, partnerships and organisations from plain values."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import update

from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.partners.models import (
    City,
    CityName,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from partnership.people.models import Contact
from partnership.records.values import Invalid, existing, read_attributes


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


@dataclass
class CityValues:
    name: str
    country_code: str
    region: str = ""
    other_names: str = ""
    is_home: bool = False
    notes: str = ""


def read_city(city: City) -> CityValues:
    return CityValues(
        name=city.name,
        country_code=city.country_code,
        region=city.region,
        other_names=format_other_names(city),
        is_home=city.is_home,
        notes=city.notes,
    )


def save_city(city: City, values: CityValues) -> None:
    name = (values.name or "").strip()
    country = (values.country_code or "").strip().upper()
    errors = {}
    if not name:
        errors["name"] = _("Enter the city's name.")
    if not (len(country) == 2 and country.isascii() and country.isalpha()):
        errors["country_code"] = _("Enter the two-letter ISO 3166 code, e.g. DE or UA.")
    if errors:
        raise Invalid(errors)
    city.name = name
    city.country_code = country
    city.region = (values.region or "").strip()
    city.notes = values.notes or ""
    set_city_names(city, city.name, parse_other_names(values.other_names))
    if values.is_home and not city.is_home:
        # There is one home city: the one marked last.
        db.session.execute(update(City).values(is_home=False))
    city.is_home = bool(values.is_home)


@dataclass
class PartnershipValues:
    home_city_id: int | None
    partner_city_id: int | None
    kind: PartnershipKind
    # None (or empty): from the start date, see `status_from_start`.
    status: PartnershipStatus | None = None
    since: FuzzyDate | None = None
    coordinator_id: int | None = None
    notes: str = ""


def read_partnership(partnership: Partnership) -> PartnershipValues:
    return read_attributes(PartnershipValues, partnership)


def status_from_start(since: FuzzyDate | None, today: date | None = None) -> PartnershipStatus:
    """The status of a partnership nobody chose one for: planned while its start is still
    ahead, else active (most partnerships recorded are running ones, dated or not)."""
    today = today or date.today()
    if since is not None and since.start > today:
        return PartnershipStatus.PLANNED
    return PartnershipStatus.ACTIVE


def save_partnership(partnership: Partnership, values: PartnershipValues) -> None:
    """Write a partnership; where it has stages, its kind, status and start follow them."""
    gone = _("This record no longer exists; choose another.")
    errors = {}
    for field_name in ("home_city_id", "partner_city_id"):
        if getattr(values, field_name) is None:
            errors[field_name] = _("Choose a city.")
    if not errors and values.partner_city_id == values.home_city_id:
        errors["partner_city_id"] = _("A city cannot be its own partner.")
    if errors:
        raise Invalid(errors)
    existing(City, values.home_city_id, "home_city_id", gone)
    partner = existing(City, values.partner_city_id, "partner_city_id", gone)
    if partner.is_home:
        raise Invalid(
            {
                "partner_city_id": _(
                    "%(city)s is the home city; choose a partner city.", city=partner
                )
            }
        )
    existing(Contact, values.coordinator_id, "coordinator_id", gone)
    partnership.home_city_id = values.home_city_id
    partnership.partner_city_id = values.partner_city_id
    partnership.kind = PartnershipKind(values.kind)
    if values.status:
        partnership.status = PartnershipStatus(values.status)
    else:
        partnership.status = status_from_start(values.since)
    partnership.since = values.since
    partnership.coordinator_id = values.coordinator_id
    partnership.notes = values.notes or ""
    # Imported here: stages build on partnerships, so this module cannot import them on load.
    from partnership.stages.services import follow_stages

    follow_stages(partnership)


def home_city() -> City | None:
    return db.session.scalars(db.select(City).where(City.is_home)).first()


@dataclass
class OrganisationValues:
    name: str
    kind: OrganisationKind = OrganisationKind.OTHER
    city_id: int | None = None
    website: str = ""
    notes: str = ""


def read_organisation(organisation: Organisation) -> OrganisationValues:
    return read_attributes(OrganisationValues, organisation)


def save_organisation(organisation: Organisation, values: OrganisationValues) -> None:
    name = (values.name or "").strip()
    if not name:
        raise Invalid({"name": _("Enter the organisation's name.")})
    existing(City, values.city_id, "city_id", _("This record no longer exists; choose another."))
    organisation.name = name
    organisation.kind = OrganisationKind(values.kind)
    organisation.city_id = values.city_id
    organisation.website = values.website or ""
    organisation.notes = values.notes or ""
