"""Configuration read from the environment, with safe defaults for one office machine."""

import os
import secrets
from pathlib import Path


def _default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "partnership.sqlite")


def _secret_key(instance_path: str) -> str:
    """Return SECRET_KEY from the environment, else one kept in instance/ across restarts."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(instance_path: str) -> dict:
    """Build the settings from environment variables."""
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or _default_database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PAGE_SIZE": 50,
    }
