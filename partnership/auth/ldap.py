"""Check a login against the city's directory (OpenLDAP, Active Directory) over LDAP.

Two ways to find the account: bind directly as the user (a DN template, or AD's
`{username}@city.example`), or search for the entry with a service account and then bind as it.
Groups come from the entry's `memberOf` attribute or from a search under a group base.
"""

import ssl
import warnings
from collections.abc import Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass

with warnings.catch_warnings():
    # ldap3 2.9.1 imports names that pyasn1 0.6.1 renamed and warns about; it works with both.
    warnings.simplefilter("ignore", DeprecationWarning)
    from ldap3 import AUTO_BIND_NONE, BASE, NONE, SUBTREE, Connection, Server, Tls
    from ldap3.core.exceptions import LDAPException
    from ldap3.utils.conv import escape_filter_chars
    from ldap3.utils.dn import escape_rdn

from partnership.auth.directory import role_from_groups
from partnership.auth.ldap_names import first_value, is_dn, normal_dn
from partnership.auth.ldap_settings import (
    DEFAULT_USER_FILTER,
    DirectoryError,
    DirectoryRefused,
    DirectoryUnreachable,
    Settings,
    is_configured,
)
from partnership.auth.models import Role

# Named here too, for the callers of a directory check.
__all__ = [
    "DEFAULT_USER_FILTER",
    "DirectoryAccount",
    "DirectoryError",
    "DirectoryRefused",
    "DirectoryUnreachable",
    "Settings",
    "check_password",
    "is_configured",
    "role_for",
]

# Characters that mean something in a DN or an AD login name: never part of a user name typed
# for a bind with a template that is not a DN (AD's `{username}@city.example`).
_NOT_IN_USER_NAMES = set(',=+<>;"\\#/*()') | {chr(code) for code in range(32)}


@dataclass(frozen=True)
class DirectoryAccount:
    dn: str
    email: str
    name: str
    groups: tuple[str, ...]


class _VerifiedTls(Tls):
    """TLS whose certificate chain and host name Python's own ssl module checks.

    ldap3's own host name check calls a function the standard library deprecated and removed,
    and does not know certificates issued to IP addresses.
    """

    def wrap_socket(self, connection, do_handshake=False):
        context = ssl.create_default_context(cafile=self.ca_certs_file or None)
        connection.socket = context.wrap_socket(
            connection.socket,
            server_hostname=connection.server.host,
            do_handshake_on_connect=do_handshake,
        )


@contextmanager
def _connection(settings: Settings, user: str | None = None, password: str | None = None):
    """Open a connection (StartTLS done when asked), not bound yet; close it afterwards."""
    secure = settings.url.lower().startswith("ldaps://") or settings.start_tls
    tls = _VerifiedTls(validate=ssl.CERT_REQUIRED, ca_certs_file=settings.ca_file or None)
    server = Server(
        settings.url,
        tls=tls if secure else None,
        connect_timeout=settings.timeout,
        get_info=NONE,
    )
    # Bound by hand (auto_bind none): ldap3's own context manager would bind a second time, and
    # two failed binds per wrong password would lock AD accounts twice as fast.
    connection = Connection(
        server,
        user=user,
        password=password,
        receive_timeout=settings.timeout,
        read_only=True,
        raise_exceptions=False,
        auto_bind=AUTO_BIND_NONE,
        # A referral would have ldap3 bind with the user's password at whatever host it names.
        auto_referrals=False,
    )
    try:
        connection.open()
        if settings.start_tls:
            connection.start_tls()  # raises when the server or its certificate is not right
        yield connection
    finally:
        # After a failed StartTLS the socket is gone and unbind fails; the first error counts.
        with suppress(LDAPException, OSError):
            connection.unbind()
        if getattr(connection, "socket", None) is not None:
            connection.socket.close()  # ldap3 leaves it open when the connect itself fails


def check_password(login: str, password: str, config: Mapping) -> DirectoryAccount:
    """Return the directory account that `login` and `password` open, or raise DirectoryError."""
    login = login.strip()
    # An empty password is an anonymous bind, which many servers answer with success.
    if not password or not login:
        raise DirectoryRefused("empty-password" if login else "empty-login")
    settings = Settings.from_config(config)
    try:
        if settings.user_dn_template:
            return _bind_as_user(settings, login, password)
        return _search_then_bind(settings, login, password)
    except (LDAPException, OSError) as error:
        raise DirectoryUnreachable(f"{type(error).__name__}: {error}") from error


def _bind_as_user(settings: Settings, login: str, password: str) -> DirectoryAccount:
    template = settings.user_dn_template
    suffix = template.split("{username}")[-1]
    if is_dn(template.replace("{username}", "x")):
        bind_name = template.replace("{username}", escape_rdn(login))
    else:
        # AD's user principal name: "anna@city.example" typed in full is "anna" here too.
        if suffix.startswith("@") and login.lower().endswith(suffix.lower()):
            login = login[: -len(suffix)]
        if not login or _NOT_IN_USER_NAMES & set(login):
            raise DirectoryRefused("unknown-account")
        bind_name = template.replace("{username}", login)
    with _connection(settings, bind_name, password) as connection:
        if not connection.bind():
            raise DirectoryRefused("wrong-password")
        if is_dn(bind_name):
            entry = _one_entry(connection, bind_name, "(objectClass=*)", settings, scope=BASE)
        else:
            # Found by the very name the bind proved (AD's explicit or implicit principal name),
            # never by another attribute that could belong to somebody else; two finds refuse.
            principal, account = escape_filter_chars(bind_name), escape_filter_chars(login)
            search = f"(|(userPrincipalName={principal})(sAMAccountName={account}))"
            entry = _one_entry(connection, settings.base_dn, search, settings, scope=SUBTREE)
        return _account(connection, settings, entry)


def _search_then_bind(settings: Settings, login: str, password: str) -> DirectoryAccount:
    service_account = settings.bind_dn or None, settings.bind_password or None
    with _connection(settings, *service_account) as service:
        if not service.bind():
            raise DirectoryUnreachable("the service account's bind was refused")
        entry = _find_user(service, settings, login)
        with _connection(settings, entry["dn"], password) as as_user:
            if not as_user.bind():
                raise DirectoryRefused("wrong-password")
        return _account(service, settings, entry)


def _find_user(connection, settings: Settings, login: str) -> dict:
    search = settings.user_filter.replace("{username}", escape_filter_chars(login))
    return _one_entry(connection, settings.base_dn, search, settings, scope=SUBTREE)


def _one_entry(connection, base: str, search: str, settings: Settings, scope) -> dict:
    """Return the one entry found, or refuse: none, or several (the login must name one)."""
    attributes = [settings.email_attribute, settings.name_attribute]
    if not settings.group_base_dn:
        attributes.append(settings.group_attribute)
    connection.search(base, search, scope, attributes=attributes, size_limit=2)
    entries = [item for item in connection.response or () if item.get("type") == "searchResEntry"]
    if len(entries) != 1:
        raise DirectoryRefused("unknown-account" if not entries else "ambiguous-account")
    return entries[0]


def _account(connection, settings: Settings, entry: dict) -> DirectoryAccount:
    attributes = entry["attributes"]
    if settings.group_base_dn:
        search = settings.group_filter.replace("{dn}", escape_filter_chars(entry["dn"]))
        connection.search(settings.group_base_dn, search, SUBTREE, attributes=["1.1"])
        group_dns = [
            item["dn"] for item in connection.response or () if item.get("type") == "searchResEntry"
        ]
    else:
        group_dns = _values(attributes, settings.group_attribute)
    groups = []
    for dn in group_dns:
        groups += [normal_dn(dn), first_value(dn)]
    return DirectoryAccount(
        dn=normal_dn(entry["dn"]),
        email=next(iter(_values(attributes, settings.email_attribute)), "").strip(),
        name=next(iter(_values(attributes, settings.name_attribute)), "").strip(),
        groups=tuple(group for group in groups if group),
    )


def role_for(account: DirectoryAccount, config: Mapping) -> Role | None:
    """Return the role the account's groups map to, else LDAP_DEFAULT_ROLE (None: refused)."""
    settings = Settings.from_config(config)
    return role_from_groups(account.groups, settings.role_groups) or settings.default_role


def _values(attributes: Mapping, name: str) -> list[str]:
    value = attributes.get(name) or []
    return [str(item) for item in (value if isinstance(value, list) else [value])]
