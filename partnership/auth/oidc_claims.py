"""What an OpenID provider's claims say about a user: who they are and which role they get."""

import json
from collections.abc import Mapping

from partnership.auth.directory import role_from_groups
from partnership.auth.models import OFFICE_ROLES, Role

ROLE_NAMES = ", ".join(role.value for role in OFFICE_ROLES)


def parse_role_map(setting) -> dict[str, str]:
    """Return OIDC_ROLE_MAP as claim value -> role name, or raise ValueError on a mistake."""
    try:
        mapping = json.loads(setting) if isinstance(setting, str) else setting
    except ValueError as error:
        raise ValueError(f"OIDC_ROLE_MAP is not valid JSON: {error}") from None
    if not isinstance(mapping, Mapping):
        raise ValueError('OIDC_ROLE_MAP must be a JSON object, e.g. {"staff": "viewer"}')
    for value, role in mapping.items():
        if role not in {role.value for role in OFFICE_ROLES}:
            raise ValueError(
                f"OIDC_ROLE_MAP gives {value!r} the role {role!r}; roles are {ROLE_NAMES}"
            )
    return dict(mapping)


def parse_default_role(setting: str) -> Role | None:
    """Return OIDC_DEFAULT_ROLE as a role, None when unset, or raise ValueError."""
    if not setting:
        return None
    if setting not in {role.value for role in OFFICE_ROLES}:
        raise ValueError(f"OIDC_DEFAULT_ROLE {setting!r} is not a role; roles are {ROLE_NAMES}")
    return Role(setting)


def claim_values(claims: Mapping, name: str) -> list[str]:
    """Return the values of the claim `name` as strings, whether a list or a single value.

    A name with dots that is not itself a claim is followed as a path into nested claims,
    e.g. Keycloak's `realm_access.roles`; claim names that are URIs (ADFS) are found whole.
    """
    value = claims.get(name)
    if value is None and "." in name:
        value = claims
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, str | int):
        return [str(value)]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int)]
    return []


def role_from_claims(
    claims: Mapping, claim: str, mapping: Mapping[str, str], default: Role | None
) -> Role | None:
    """Return the highest role the claim's values map to, else `default`."""
    return role_from_groups(claim_values(claims, claim), mapping) or default


def display_name(claims: Mapping) -> str:
    """Return the user's name: `name`, else given and family name (as ADFS sends them)."""
    if name := claims.get("name"):
        return str(name)
    parts = (claims.get("given_name"), claims.get("family_name"))
    return " ".join(str(part) for part in parts if part)


def email_unverified(claims: Mapping) -> bool:
    """Tell whether the provider says the e-mail is not verified (many never say either way)."""
    verified = claims.get("email_verified")
    return verified is False or str(verified).strip().lower() == "false"


def lacks_user_details(claims: Mapping, role_claim: str) -> bool:
    """Tell whether the ID token leaves out the e-mail, the name or the role claim."""
    return not (claims.get("email") and display_name(claims) and claim_values(claims, role_claim))


def merge_userinfo(id_claims: Mapping, userinfo: Mapping) -> dict:
    """Return the ID token's claims completed by the userinfo endpoint's answer.

    The answer must be about the same subject, as OpenID Connect requires; the signed ID
    token wins where both say something.
    """
    if userinfo.get("sub") != id_claims.get("sub"):
        raise ValueError("the userinfo answer is about another subject")
    return {**userinfo, **id_claims}
