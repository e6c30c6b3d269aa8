"""Redirect targets taken from a request: only to a page of this site."""

from flask import url_for


def safe_local_target(target: str | None) -> str:
    """Return `target` when it is a path on this site, else the start page."""
    # Only local paths: an open redirect would let a link send users to a look-alike site.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("home.index")
