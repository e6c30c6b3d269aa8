"""Users and roles read from OpenID claims, as Keycloak, Entra ID and ADFS send them."""

import pytest
from conftest import make_app

from partnership.auth.models import Role
from partnership.auth.oidc_claims import (
    claim_values,
    display_name,
    lacks_user_details,
    merge_userinfo,
    parse_default_role,
    parse_role_map,
    role_from_claims,
)
from partnership.faults import ConfigurationError

ADFS_ROLE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
MAPPING = {"partnership-admins": "admin", "Partnership-Editors": "editor", "staff": "viewer"}


@pytest.mark.parametrize(
    ("claims", "name", "values"),
    [
        ({"roles": ["a", "b"]}, "roles", ["a", "b"]),
        ({"roles": "a"}, "roles", ["a"]),
        ({"groups": ["/city/staff", 7, {"odd": 1}]}, "groups", ["/city/staff", "7"]),
        ({"realm_access": {"roles": ["a"]}}, "realm_access.roles", ["a"]),
        ({ADFS_ROLE: "a"}, ADFS_ROLE, ["a"]),
        ({}, "roles", []),
        ({"roles": None}, "roles", []),
        ({"roles": {"a": 1}}, "roles", []),
        ({"realm_access": ["a"]}, "realm_access.roles", []),
    ],
)
def test_claim_values(claims, name, values):
    assert claim_values(claims, name) == values


def test_highest_mapped_role_wins_whatever_the_case():
    claims = {"roles": ["staff", "partnership-editors", "canteen"]}
    assert role_from_claims(claims, "roles", MAPPING, None) == Role.EDITOR


def test_unmapped_user_gets_the_default_role_or_none():
    claims = {"roles": ["canteen"]}
    assert role_from_claims(claims, "roles", MAPPING, None) is None
    assert role_from_claims(claims, "roles", MAPPING, Role.VIEWER) == Role.VIEWER
    assert role_from_claims({}, "roles", MAPPING, None) is None


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["staff"]', "must be a JSON object"),
        ('{"staff": "boss"}', "roles are viewer, editor, admin"),
    ],
)
def test_role_map_mistakes_are_named(setting, message):
    with pytest.raises(ValueError, match=message):
        parse_role_map(setting)


def test_role_map_from_json_or_a_dict():
    assert parse_role_map('{"staff": "viewer"}') == {"staff": "viewer"}
    assert parse_role_map({"staff": "editor"}) == {"staff": "editor"}
    assert parse_default_role("") is None
    assert parse_default_role("viewer") == Role.VIEWER
    with pytest.raises(ValueError, match="OIDC_DEFAULT_ROLE"):
        parse_default_role("everyone")


def test_name_from_given_and_family_name_when_no_name():
    assert display_name({"name": "Ada Admin", "given_name": "A"}) == "Ada Admin"
    assert display_name({"given_name": "Ada", "family_name": "Admin"}) == "Ada Admin"
    assert display_name({"family_name": "Admin"}) == "Admin"
    assert display_name({}) == ""


def test_userinfo_is_asked_only_when_the_id_token_lacks_something():
    full = {"sub": "1", "email": "a@city.example", "name": "A", "roles": ["staff"]}
    assert not lacks_user_details(full, "roles")
    assert lacks_user_details({**full, "roles": []}, "roles")
    assert lacks_user_details({"sub": "1", "roles": ["staff"]}, "roles")


def test_userinfo_completes_the_id_token_but_never_overrides_it():
    merged = merge_userinfo(
        {"sub": "1", "iss": "https://idp", "email": "signed@city.example"},
        {"sub": "1", "email": "other@city.example", "name": "A", "roles": ["staff"]},
    )
    assert merged["email"] == "signed@city.example"
    assert (merged["name"], merged["roles"], merged["iss"]) == ("A", ["staff"], "https://idp")


def test_userinfo_about_another_subject_is_refused():
    with pytest.raises(ValueError, match="another subject"):
        merge_userinfo({"sub": "1"}, {"sub": "2", "email": "x@city.example"})


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("OIDC_ROLE_MAP", '{"staff": "boss"}', "OIDC_ROLE_MAP"),
        ("OIDC_DEFAULT_ROLE", "everyone", "OIDC_DEFAULT_ROLE"),
        ("OIDC_SCOPES", "email profile", "OIDC_SCOPES must include openid"),
    ],
)
def test_a_mistyped_setting_stops_the_start(database_path, setting, value, message):
    configured = {"OIDC_DISCOVERY_URL": "https://idp.example/", "OIDC_CLIENT_ID": "partnership"}
    with pytest.raises(ConfigurationError, match=message):
        make_app(database_path, **configured, **{setting: value})
