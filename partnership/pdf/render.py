"""Turn a template into PDF bytes: tagged for accessibility, in the reader's language, and
without ever reaching the network.

A PDF is rendered from HTML by WeasyPrint. Everything the HTML refers to is read by
`engine.LocalFetcher`, which serves the app's own static folder and `data:` addresses and refuses
anything else: a press article's address or a typed-in image link is printed, never fetched.
Fonts come from Debian's DejaVu package (named in static/pdf.css), so a PDF looks the same on
every server.
"""

import io
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup
from pypdf import PdfReader, PdfWriter

from partnership.i18n import LANGUAGES, current_language

log = logging.getLogger(__name__)

STYLESHEET = "pdf.css"


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
    # WeasyPrint takes over a second to import: only a request or command that draws a PDF
    # pays for it, not every start of the app.
    from partnership.pdf.engine import write_pdf as draw

    return draw(html, tagged)


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
