"""Redirect targets taken from a request: only to a page of this site."""

import unicodedata
from urllib.parse import quote, unquote, urlsplit

from flask import url_for

MAX_TARGET_LENGTH = 2000
# Characters a target keeps as typed; anything else (spaces, non-ASCII letters) is
# percent-encoded, so the browser reads the address exactly as it was checked here.
_KEPT = "/?&=%#;:@+$,!~*'()[]"


def safe_local_target(target: str | None) -> str:
    """Return `target` when it is a path on this site, else the start page."""
    # Only local paths: an open redirect would let a link send users to a look-alike site.
    if is_local_path(target):
        return quote(target, safe=_KEPT)
    return url_for("home.index")


def is_local_path(target: str | None) -> bool:
    """Tell whether every way a browser or proxy may read `target` stays on this site."""
    if not isinstance(target, str) or not target or len(target) > MAX_TARGET_LENGTH:
        return False
    decoded = unquote(target)
    # Browsers read a backslash as a slash and drop tabs and line breaks ("/\t/evil" is
    # "//evil"); some proxies decode %2F; look-alike slashes fold to "/" under NFKC.
    for reading in (target, decoded, unicodedata.normalize("NFKC", decoded)):
        if any(unicodedata.category(char) == "Cc" for char in reading):
            return False
        reading = reading.replace("\\", "/")
        if not reading.startswith("/") or reading.startswith("//"):
            return False
        parts = urlsplit(reading)
        if parts.scheme or parts.netloc:
            return False
    return True
