"""WeasyPrint itself: HTML to PDF bytes, reading nothing but the static folder.

`LocalFetcher` serves the app's own static folder and `data:` addresses and refuses anything
else: a press article's address or a typed-in image link is printed, never fetched.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

# PDF/UA-1: the document carries a structure tree (headings, tables, lists), its language and
# title, so a screen reader can read it. WeasyPrint 70 supports it; should a later version
# refuse a document, the plain PDF is still better than none (see `write_pdf`).
PDF_VARIANT = "pdf/ua-1"


class Refused(ValueError):
    """An address the PDF may not read: anything but the app's static files and data URIs."""


class LocalFetcher(URLFetcher):
    """Serve the static folder and `data:` URIs to WeasyPrint; refuse every other address."""

    def __init__(self, static_folder: str | Path):
        super().__init__(timeout=1, allow_redirects=False)
        self.root = Path(static_folder).resolve()

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            # urllib decodes data URIs itself, without any connection.
            return super().fetch(url, headers)
        if scheme == "file":
            return self._static_file(url)
        raise Refused(f"not fetched: {url[:80]}")

    def _static_file(self, url: str) -> URLFetcherResponse:
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not path.is_file() or not path.is_relative_to(self.root):
            raise Refused(f"not a static file: {url[:80]}")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})


def _content_type(path: Path) -> str:
    types = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}
    return types.get(path.suffix.lower(), "application/octet-stream")


def write_pdf(html: str, tagged: bool = True) -> bytes:
    """Render HTML to PDF bytes, tagged as PDF/UA-1 where WeasyPrint can (and `tagged`)."""
    static = current_app.static_folder
    document = HTML(
        string=html,
        base_url=Path(static).resolve().as_uri() + "/",
        url_fetcher=LocalFetcher(static),
    )
    if not tagged:
        return document.write_pdf()
    try:
        return document.write_pdf(pdf_variant=PDF_VARIANT)
    except Exception:  # a WeasyPrint that cannot tag this document still prints it
        log.warning("PDF/UA tagging failed; writing an untagged PDF", exc_info=True)
        return document.write_pdf()
