"""The stages of a partnership decide its kind, status and start (services, no pages)."""

import pytest

from partnership.archive import archive, restore
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Partnership, PartnershipKind, PartnershipStatus
from partnership.partners.services import PartnershipValues, save_partnership
from partnership.records.values import Invalid
from partnership.stages.models import PartnershipStage, StageKind
from partnership.stages.services import StageValues, save_stage


@pytest.fixture
def partnership(app):
    """A solidarity partnership of a home city, planned and undated, in a request context."""
    with app.test_request_context():
        home = City(name="Dortmund", country_code="DE", is_home=True)
        partner = City(name="Zhytomyr", country_code="UA")
        db.session.add_all([home, partner])
        db.session.flush()
        record = Partnership(
            home_city_id=home.id,
            partner_city_id=partner.id,
            kind=PartnershipKind.SOLIDARITY,
            status=PartnershipStatus.PLANNED,
        )
        db.session.add(record)
        db.session.flush()
        yield record
        db.session.rollback()


def add_stage(partnership, stage, when, **values) -> PartnershipStage:
    record = PartnershipStage()
    save_stage(
        record,
        StageValues(
            partnership_id=partnership.id, stage=stage, date=parse_fuzzy_date(when), **values
        ),
    )
    db.session.add(record)
    db.session.flush()
    return record


def test_status_follows_suspension_and_resumption(partnership):
    add_stage(partnership, StageKind.FOUNDED, "12.05.2022")
    assert partnership.status is PartnershipStatus.ACTIVE
    assert partnership.since == parse_fuzzy_date("12.05.2022")

    suspended = add_stage(partnership, StageKind.SUSPENDED, "March 2023")
    assert partnership.status is PartnershipStatus.SUSPENDED
    assert suspended.title == "Partnership suspended"
    assert suspended.partner_city_id == partnership.partner_city_id

    add_stage(partnership, StageKind.RESUMED, "2024")
    assert partnership.status is PartnershipStatus.ACTIVE
    # A stage entered later but dated earlier changes nothing that came after it.
    add_stage(partnership, StageKind.SUSPENDED, "2021", title="An early pause")
    assert partnership.status is PartnershipStatus.ACTIVE


def test_upgrade_changes_the_kind_and_archiving_it_changes_it_back(partnership):
    add_stage(partnership, StageKind.SIGNED, "2022", partnership_kind=PartnershipKind.SOLIDARITY)
    upgrade = add_stage(
        partnership, StageKind.UPGRADED, "Q2 2024", partnership_kind=PartnershipKind.TWINNING
    )
    assert upgrade.title == "Upgraded to twinning"
    assert partnership.kind is PartnershipKind.TWINNING

    archive(upgrade)
    db.session.flush()
    assert partnership.kind is PartnershipKind.SOLIDARITY
    restore(upgrade)
    db.session.flush()
    assert partnership.kind is PartnershipKind.TWINNING


def test_since_follows_the_first_founding_unless_the_partnership_has_its_own(partnership):
    signing = add_stage(partnership, StageKind.SIGNED, "1960")
    assert partnership.since == parse_fuzzy_date("1960")
    # The stage's date moves: the start the stages gave moves with it.
    save_stage(
        signing,
        StageValues(
            partnership_id=partnership.id,
            stage=StageKind.SIGNED,
            date=parse_fuzzy_date("1961"),
            title=signing.title,
        ),
    )
    assert partnership.since == parse_fuzzy_date("1961")

    partnership.since = parse_fuzzy_date("05.06.1959")
    add_stage(partnership, StageKind.FOUNDED, "1958")
    assert partnership.since == parse_fuzzy_date("05.06.1959")


def test_refusals_name_the_field(partnership):
    with pytest.raises(Invalid) as upgrade:
        add_stage(partnership, StageKind.UPGRADED, "2024")
    assert set(upgrade.value.errors) == {"partnership_kind"}

    with pytest.raises(Invalid) as resumed:
        add_stage(partnership, StageKind.RESUMED, "2024")
    assert "suspended" in resumed.value.errors["stage"]

    with pytest.raises(Invalid) as missing:
        save_stage(PartnershipStage(), StageValues(stage=StageKind.SIGNED))
    assert set(missing.value.errors) == {"partnership_id", "date"}


def test_partnership_form_values_follow_the_stages(partnership):
    add_stage(partnership, StageKind.ENDED, "2020")
    values = PartnershipValues(
        home_city_id=partnership.home_city_id,
        partner_city_id=partnership.partner_city_id,
        kind=PartnershipKind.SOLIDARITY,
        status=PartnershipStatus.ACTIVE,
    )
    save_partnership(partnership, values)
    assert partnership.status is PartnershipStatus.ENDED


def test_status_left_empty_follows_the_start_and_home_city_is_no_partner(partnership):
    fresh = Partnership()
    other = City(name="Leeds", country_code="GB")
    db.session.add(other)
    db.session.flush()
    values = PartnershipValues(
        home_city_id=partnership.home_city_id,
        partner_city_id=other.id,
        kind=PartnershipKind.TWINNING,
        since=parse_fuzzy_date("1969"),
    )
    save_partnership(fresh, values)
    assert fresh.status is PartnershipStatus.ACTIVE
    values.since = parse_fuzzy_date("2099")
    save_partnership(fresh, values)
    assert fresh.status is PartnershipStatus.PLANNED

    values.partner_city_id, values.home_city_id = partnership.home_city_id, other.id
    with pytest.raises(Invalid) as refused:
        save_partnership(fresh, values)
    assert "home city" in refused.value.errors["partner_city_id"]
