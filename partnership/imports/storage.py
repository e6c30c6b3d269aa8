"""Keep an uploaded file between its preview and the confirmation, outside any one process.

The file goes to `instance/imports/<token>` (or IMPORT_FOLDER, which several machines can share)
and the page carries only the random token, so whichever worker receives the confirmation finds
the file, and no worker holds it in memory. A token works only for the user who uploaded it,
and files left behind are removed after a few hours.
"""

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

TOKEN = re.compile(r"^[A-Za-z0-9_-]{40,64}$")
MAX_AGE_SECONDS = 6 * 3600


@dataclass(frozen=True)
class Upload:
    token: str
    filename: str
    data: bytes


def _folder() -> Path:
    configured = current_app.config.get("IMPORT_FOLDER")
    folder = Path(configured) if configured else Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_upload(data: bytes, filename: str, user_id: int) -> str:
    """Store the file for `user_id`; return the token that finds it again."""
    _remove_stale()
    token = secrets.token_urlsafe(32)
    folder = _folder()
    (folder / f"{token}.data").write_bytes(data)
    meta = {"user_id": user_id, "filename": filename[:200], "saved": time.time()}
    (folder / f"{token}.json").write_text(json.dumps(meta))
    return token


def load_upload(token: str, user_id: int) -> Upload | None:
    """Return the stored file, or None if the token is unknown, expired or someone else's."""
    if not TOKEN.match(token or ""):
        return None
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        data = (folder / f"{token}.data").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != user_id or time.time() - meta.get("saved", 0) > MAX_AGE_SECONDS:
        return None
    return Upload(token=token, filename=meta.get("filename", ""), data=data)


def discard_upload(token: str) -> None:
    if not TOKEN.match(token or ""):
        return
    for suffix in (".data", ".json"):
        (_folder() / f"{token}{suffix}").unlink(missing_ok=True)


def _remove_stale() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.json"):
        try:
            if path.stat().st_mtime < cutoff:
                path.with_suffix(".data").unlink(missing_ok=True)
                path.unlink(missing_ok=True)
        except OSError:
            continue  # another worker removed it first
