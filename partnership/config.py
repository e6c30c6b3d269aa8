"""Configuration read from the environment, with safe defaults for one office machine."""

import contextlib
import os
import secrets
from pathlib import Path

from partnership.faults import ConfigurationError


def _default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "partnership.sqlite")


def engine_url(url: str) -> str:
    """Return `url` with the psycopg 3 driver named where only PostgreSQL is."""
    # SQLAlchemy reads a bare postgresql:// as psycopg2, which is not installed; hosting
    # platforms also hand out the older postgres:// spelling.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _secret_key(instance_path: str) -> str:
    """Return SECRET_KEY from the environment, else one kept in instance/ across restarts."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = Path(instance_path) / "secret_key"
    try:
        if not key_file.exists():
            _write_secret_key(key_file)
        return key_file.read_text().strip()
    except OSError as error:
        raise ConfigurationError(
            f"Cannot keep a secret key in {key_file} ({error.strerror}): set SECRET_KEY, "
            "or make the instance folder writable."
        ) from None


def _write_secret_key(key_file: Path) -> None:
    key_file.parent.mkdir(parents=True, exist_ok=True)
    # Several workers may start at once: the first key linked into place wins, whole, and
    # the others read it, so that every worker accepts the others' session cookies.
    draft = key_file.with_name(f".secret_key.{os.getpid()}")
    draft.write_text(secrets.token_hex(32))
    draft.chmod(0o600)
    try:
        with contextlib.suppress(FileExistsError):
            os.link(draft, key_file)
    finally:
        draft.unlink()


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _ldap_settings() -> dict:
    """Read the LDAP / Active Directory login's settings; it is off while LDAP_URL is unset."""
    env = os.environ.get
    return {
        "LDAP_URL": env("LDAP_URL", ""),
        "LDAP_START_TLS": _flag("LDAP_START_TLS"),
        # The CA that signed the directory's certificate; the system's CAs when empty.
        "LDAP_CA_FILE": env("LDAP_CA_FILE", ""),
        "LDAP_TIMEOUT_SECONDS": _number("LDAP_TIMEOUT_SECONDS", 5),
        # Bind as the user: "uid={username},ou=people,dc=example,dc=org", "{username}@city.example".
        "LDAP_USER_DN_TEMPLATE": env("LDAP_USER_DN_TEMPLATE", ""),
        # Or search for the user's entry with a service account, then bind as that entry.
        "LDAP_BIND_DN": env("LDAP_BIND_DN", ""),
        "LDAP_BIND_PASSWORD": env("LDAP_BIND_PASSWORD", ""),
        "LDAP_BASE_DN": env("LDAP_BASE_DN", ""),
        "LDAP_USER_FILTER": env("LDAP_USER_FILTER", ""),
        "LDAP_EMAIL_ATTRIBUTE": env("LDAP_EMAIL_ATTRIBUTE", "mail"),
        "LDAP_NAME_ATTRIBUTE": env("LDAP_NAME_ATTRIBUTE", "cn"),
        # Groups: the entry's memberOf, or, when LDAP_GROUP_BASE_DN is set, a search for them.
        "LDAP_GROUP_ATTRIBUTE": env("LDAP_GROUP_ATTRIBUTE", "memberOf"),
        "LDAP_GROUP_BASE_DN": env("LDAP_GROUP_BASE_DN", ""),
        "LDAP_GROUP_FILTER": env("LDAP_GROUP_FILTER", "(member={dn})"),
        # JSON: group DN or name -> role, e.g. {"cn=partnership-admins,ou=groups,...": "admin"}.
        "LDAP_ROLE_GROUPS": env("LDAP_ROLE_GROUPS", "{}"),
        # The role of a directory user in none of those groups; empty: such a user is refused.
        "LDAP_DEFAULT_ROLE": env("LDAP_DEFAULT_ROLE", ""),
        # Seconds a refused password login lasts at least; empty: 1 with LDAP_URL set, else 0.
        "LOGIN_REFUSAL_MIN_SECONDS": env("LOGIN_REFUSAL_MIN_SECONDS", ""),
    }


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


def _oidc_settings() -> dict:
    """Read the OpenID Connect login's settings; it is off while OIDC_DISCOVERY_URL is unset."""
    env = os.environ.get
    return {
        "OIDC_DISCOVERY_URL": env("OIDC_DISCOVERY_URL", ""),
        "OIDC_CLIENT_ID": env("OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": env("OIDC_CLIENT_SECRET", ""),
        "OIDC_SCOPES": env("OIDC_SCOPES", "openid email profile"),
        "OIDC_LABEL": env("OIDC_LABEL", ""),
        "OIDC_ROLE_CLAIM": env("OIDC_ROLE_CLAIM", "roles"),
        # JSON: claim value -> role, e.g. {"partnership-admins": "admin"}; checked at start.
        "OIDC_ROLE_MAP": env("OIDC_ROLE_MAP", "{}"),
        "OIDC_DEFAULT_ROLE": env("OIDC_DEFAULT_ROLE", ""),
        # Only needed when the address the app sees differs from the one the provider knows.
        "OIDC_REDIRECT_URI": env("OIDC_REDIRECT_URI", ""),
        "OIDC_TIMEOUT_SECONDS": _number("OIDC_TIMEOUT_SECONDS", 10),
    }


def _document_settings() -> dict:
    """Where documents are kept: DOCUMENTS_FOLDER (default instance/documents), or the S3
    bucket DOCUMENTS_S3_BUCKET when set (credentials empty: boto3's AWS_* variables)."""
    env = os.environ.get
    return {
        "DOCUMENT_MAX_BYTES": _number("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024),
        "DOCUMENTS_FOLDER": env("DOCUMENTS_FOLDER", ""),
        "DOCUMENTS_S3_BUCKET": env("DOCUMENTS_S3_BUCKET", ""),
        "DOCUMENTS_S3_ENDPOINT": env("DOCUMENTS_S3_ENDPOINT", ""),
        "DOCUMENTS_S3_REGION": env("DOCUMENTS_S3_REGION", ""),
        "DOCUMENTS_S3_ACCESS_KEY_ID": env("DOCUMENTS_S3_ACCESS_KEY_ID", ""),
        "DOCUMENTS_S3_SECRET_ACCESS_KEY": env("DOCUMENTS_S3_SECRET_ACCESS_KEY", ""),
    }


def _mail_settings() -> dict:
    """How the product sends e-mail (invitations of partners); off while MAIL_SERVER is unset."""
    env = os.environ.get
    return {
        "MAIL_SERVER": env("MAIL_SERVER", ""),
        # Empty: 465 with MAIL_USE_SSL, 587 with MAIL_USE_TLS (STARTTLS), else 25.
        "MAIL_PORT": _number("MAIL_PORT", 0),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL"),
        "MAIL_USERNAME": env("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env("MAIL_PASSWORD", ""),
        # The sender's address; empty: MAIL_USERNAME when it is an address.
        "MAIL_FROM": env("MAIL_FROM", ""),
        "MAIL_TIMEOUT_SECONDS": max(1, _number("MAIL_TIMEOUT_SECONDS", 10)),
        # The address the world reaches the product at (https://partnership.city.example), for
        # links in e-mails; empty: the address of the request, as a trusted proxy tells it.
        "PUBLIC_BASE_URL": env("PUBLIC_BASE_URL", ""),
        # How long an invitation's link for a person of a partner city opens an account.
        "PARTNER_INVITATION_DAYS": max(1, _number("PARTNER_INVITATION_DAYS", 14)),
    }


def load_config(instance_path: str) -> dict:
    """Build the settings from environment variables."""
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or _default_database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind HTTPS, set SECURE_COOKIES=1 so cookies never travel over plain HTTP.
        "SESSION_COOKIE_SECURE": _flag("SECURE_COOKIES"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": _flag("SECURE_COOKIES"),
        "PREFERRED_URL_SCHEME": "https" if _flag("SECURE_COOKIES") else "http",
        "LOGIN_ATTEMPTS_PER_ACCOUNT": 5,
        "LOGIN_ATTEMPTS_PER_ADDRESS": 20,
        "LOGIN_ATTEMPT_WINDOW_MINUTES": 15,
        **_ldap_settings(),
        # A session ends after this long without a request, and this long after its login.
        # Zero would end every session at its first request: at least a minute, an hour.
        "SESSION_IDLE_MINUTES": max(1, _number("SESSION_IDLE_MINUTES", 60)),
        "SESSION_LIFETIME_HOURS": max(1, _number("SESSION_LIFETIME_HOURS", 12)),
        "PERMANENT_SESSION_LIFETIME": 3600 * max(1, _number("SESSION_LIFETIME_HOURS", 12)),
        # Served as /.well-known/security.txt: where to report a vulnerability (e-mail or URL).
        "SECURITY_CONTACT": os.environ.get("SECURITY_CONTACT", ""),
        "AUDIT_RETENTION_DAYS": _number("AUDIT_RETENTION_DAYS", 365),
        "PAGE_SIZE": 50,
        # A page drawn for a user is served to them again for this many seconds (0: never),
        # unless they changed something since; each worker keeps at most PAGE_CACHE_MEGABYTES.
        "PAGE_CACHE_SECONDS": _number("PAGE_CACHE_SECONDS", 5),
        "PAGE_CACHE_MEGABYTES": max(1, _number("PAGE_CACHE_MEGABYTES", 32)),
        "CONTACT_REVIEW_YEARS": 3,
        # Uploads (spreadsheet imports): larger requests get a friendly 413 page. A document's
        # upload may be as large as DOCUMENT_MAX_BYTES instead (documents/views.py).
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
        **_document_settings(),
        "IMPORT_MAX_ROWS": 20_000,
        **_oidc_settings(),
        **_mail_settings(),
    }
