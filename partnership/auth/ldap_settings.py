"""The LDAP_* settings, checked before any connection is made, and what a failed check raises."""

import ipaddress
import json
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import urlsplit

from partnership.auth.ldap_names import group_key, is_dn
from partnership.auth.models import OFFICE_ROLES, Role

DEFAULT_USER_FILTER = "(&(objectClass=person)(|(uid={username})(mail={username})))"


class DirectoryError(Exception):
    """The directory did not let the user in; `reason` goes to the audit log."""

    reason = "directory-error"


class DirectoryUnreachable(DirectoryError):
    """The directory could not be asked: network, TLS, timeout, or its settings are wrong."""

    reason = "directory-unreachable"


class DirectoryRefused(DirectoryError):
    """The directory answered: no such account, wrong password, or an account it won't name."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Settings:
    url: str
    start_tls: bool
    ca_file: str
    timeout: int
    user_dn_template: str
    bind_dn: str
    bind_password: str
    base_dn: str
    user_filter: str
    email_attribute: str
    name_attribute: str
    group_attribute: str
    group_base_dn: str
    group_filter: str
    role_groups: Mapping[str, Role]
    default_role: Role | None

    @classmethod
    def from_config(cls, config: Mapping) -> "Settings":
        """Read the LDAP_* settings; raise DirectoryUnreachable when they cannot work."""
        try:
            role_groups = config.get("LDAP_ROLE_GROUPS") or {}
            if isinstance(role_groups, str):
                role_groups = json.loads(role_groups)
            default_role = config.get("LDAP_DEFAULT_ROLE") or None
            settings = cls(
                url=config["LDAP_URL"].strip(),
                start_tls=bool(config.get("LDAP_START_TLS")),
                ca_file=config.get("LDAP_CA_FILE") or "",
                timeout=int(config.get("LDAP_TIMEOUT_SECONDS") or 5),
                user_dn_template=config.get("LDAP_USER_DN_TEMPLATE") or "",
                bind_dn=config.get("LDAP_BIND_DN") or "",
                bind_password=config.get("LDAP_BIND_PASSWORD") or "",
                base_dn=config.get("LDAP_BASE_DN") or "",
                user_filter=config.get("LDAP_USER_FILTER") or DEFAULT_USER_FILTER,
                email_attribute=config.get("LDAP_EMAIL_ATTRIBUTE") or "mail",
                name_attribute=config.get("LDAP_NAME_ATTRIBUTE") or "cn",
                group_attribute=config.get("LDAP_GROUP_ATTRIBUTE") or "memberOf",
                group_base_dn=config.get("LDAP_GROUP_BASE_DN") or "",
                group_filter=config.get("LDAP_GROUP_FILTER") or "(member={dn})",
                role_groups={
                    group_key(group): office_role(role) for group, role in role_groups.items()
                },
                default_role=office_role(default_role) if default_role else None,
            )
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise DirectoryUnreachable(f"LDAP settings are wrong: {error}") from error
        template_is_dn = is_dn(settings.user_dn_template.replace("{username}", "x"))
        if not template_is_dn and not settings.base_dn:
            # Without a DN to read, the entry (e-mail, name, groups) is found by a search.
            raise DirectoryUnreachable("LDAP needs LDAP_BASE_DN, or a DN in LDAP_USER_DN_TEMPLATE")
        if not _encrypted_or_local(settings.url, settings.start_tls):
            # Every login's password would cross the network in clear.
            raise DirectoryUnreachable(
                f"LDAP_URL {settings.url} is plain LDAP to another machine: "
                "use ldaps://, or set LDAP_START_TLS=1"
            )
        return settings


def _encrypted_or_local(url: str, start_tls: bool) -> bool:
    """Tell whether passwords sent to `url` are encrypted or never leave this machine."""
    parts = urlsplit(url if "://" in url else f"ldap://{url}")
    if parts.scheme.lower() in ("ldaps", "ldapi"):
        return True
    if parts.scheme.lower() != "ldap":
        return False
    if start_tls:
        return True
    with suppress(ValueError):  # a port or an IPv6 address that is no such thing
        host = (parts.hostname or "").rstrip(".")
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    return False


def is_configured(config: Mapping) -> bool:
    return bool((config.get("LDAP_URL") or "").strip())


def office_role(name: str) -> Role:
    """A role a directory group may give: never `partner` (partners come by invitation)."""
    role = Role(name)
    if role not in OFFICE_ROLES:
        raise ValueError(f"{name} is not a role of the home office")
    return role
