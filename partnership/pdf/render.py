"""Turn a template into PDF bytes: tagged for accessibility, in the reader's language, and
without ever reaching the network.

A PDF is rendered from HTML by WeasyPrint. Everything the HTML refers to is read by
`LocalFetcher`, which serves the app's own static folder and `data:` addresses and refuses
anything else: a press article's address or a typed-in image link is printed, never fetched.
Fonts come from Debian's DejaVu package (named in static/pdf.css), so a PDF looks the same on
every server.
"""

import io
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from partnership.i18n import LANGUAGES, current_language

log = logging.getLogger(__name__)

# PDF/UA-1: the document carries a structure tree (headings, tables, lists), its language and
# title, so a screen reader can read it. WeasyPrint 70 supports it; should a later version
# refuse a document, the plain PDF is still better than none (see `write_pdf`).
PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "pdf.css"


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


def css_string(text: str) -> str:
    """Quote text as a CSS string (for `content:` in the page margins)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    # A title is the office's text: "<" must not end the <style> element it is written into.
    escaped = escaped.replace("<", "\\3c ").replace(">", "\\3e ")
    return f'"{escaped}"'


def page_counter(prefix: str = "") -> Markup:
    """Return the CSS `content` of the footer: 'page 3 of 12' in the reader's language.

    `prefix` comes first, e.g. 'part 2 of 5 · ' for a document rendered in parts.
    """
    text = _("Page %(page)s of %(pages)s")
    parts = re.split(r"(%\(pages?\)s)", text)
    values = [css_string(prefix)] if prefix else []
    for part in parts:
        if part == "%(page)s":
            values.append("counter(page)")
        elif part == "%(pages)s":
            values.append("counter(pages)")
        elif part:
            values.append(css_string(part))
    return Markup(" ".join(values))


def pdf_language(lang: str | None) -> str:
    """Return the language a PDF is written in: the one asked for, else the reader's."""
    return lang if lang in LANGUAGES else current_language()


def render_html(template: str, *, lang: str, title: str, footer_prefix: str = "", **context) -> str:
    """Render a PDF template to HTML in `lang`; the page margins carry title and page numbers."""
    with force_locale(lang):
        return render_template(
            template,
            lang=lang,
            document_title=title,
            footer_title=Markup(css_string(title)),
            footer_pages=page_counter(footer_prefix),
            created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            **context,
        )


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


def render_pdf(
    template: str,
    *,
    lang: str | None = None,
    title: str,
    footer_prefix: str = "",
    tagged: bool = True,
    **context,
) -> bytes:
    """Render a PDF template (see templates/pdf/base.html) in `lang`, or the reader's language.

    `tagged=False` leaves out the structure tree (see `join_pdfs`); language and title stay.
    """
    language = pdf_language(lang)
    with force_locale(language):
        html = render_html(
            template, lang=language, title=title, footer_prefix=footer_prefix, **context
        )
        return write_pdf(html, tagged)


def join_pdfs(first: bytes, more: Iterable[bytes]) -> bytes:
    """Append the pages of further PDFs (parts, scanned clippings) to `first`.

    The result keeps the first PDF's catalog: its language, title, metadata and structure
    tree. pypdf does not join structure trees: appended pages are untagged, and appending a
    tagged PDF costs some 30 MB per 1,000 table rows for tags that are then lost, so parts
    meant for joining are rendered untagged. A PDF that cannot be read is left out rather
    than spoiling the whole document.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(first)))
    for pdf in more:
        try:
            writer.append(PdfReader(io.BytesIO(pdf)))
        except Exception:  # a damaged upload must not stop the report
            log.warning("a PDF could not be appended", exc_info=True)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
