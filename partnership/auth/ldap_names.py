"""Distinguished names as LDAP writes them: checked, spelled one way, and a group's own name."""

import warnings

with warnings.catch_warnings():
    # ldap3 2.9.1 imports names that pyasn1 0.6.1 renamed and warns about; it works with both.
    warnings.simplefilter("ignore", DeprecationWarning)
    from ldap3.core.exceptions import LDAPInvalidDnError
    from ldap3.utils.dn import parse_dn


def is_dn(text: str) -> bool:
    try:
        return bool(parse_dn(text, strip=True))
    except LDAPInvalidDnError:
        return False


def normal_dn(dn: str) -> str:
    """Return `dn` as one spelling: attribute names in lower case, no spaces around commas."""
    try:
        parts = parse_dn(dn, strip=True)
    except LDAPInvalidDnError:
        return dn.strip()
    return "".join(
        f"{attribute.lower()}={value}{separator}" for attribute, value, separator in parts
    )


def first_value(dn: str) -> str:
    """Return a group's own name: "partnership-admins" of "cn=partnership-admins,ou=groups"."""
    try:
        return parse_dn(dn, strip=True)[0][1]
    except (LDAPInvalidDnError, IndexError):
        return ""


def group_key(group: str) -> str:
    """Return how a configured group is compared: a DN in one spelling, else its name."""
    return normal_dn(group) if "=" in group else group.strip()
