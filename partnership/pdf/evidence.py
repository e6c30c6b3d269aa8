"""Uploaded files as a PDF shows them: photos and scanned clippings of the report's records.

Images are scaled down and embedded as `data:` URIs (the renderer fetches nothing else);
clippings uploaded as PDF are appended to the report after it is rendered. Files are read one
at a time, so a report with many photos never holds more than one original in memory.
"""

import base64
import io
import logging
import warnings
from collections.abc import Iterable

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select

from partnership.documents.models import Document, DocumentKind
from partnership.documents.services import read_bytes
from partnership.documents.storage import StoreError
from partnership.documents.thumbnails import MAX_PIXELS, is_image
from partnership.events.models import Event
from partnership.extensions import db

log = logging.getLogger(__name__)
PDF_TYPE = "application/pdf"
# Pixels on the longer side: a photo in a grid of three, a clipping on a whole page.
PHOTO_SIZE = 700
CLIPPING_SIZE = 1800


def event_tables() -> tuple[str, ...]:
    """Table names a document on an event may be filed under: the base table or its kind's."""
    return tuple(sorted({m.local_table.name for m in Event.__mapper__.self_and_descendants}))


def documents_on(tables: Iterable[str], record_ids, kinds: Iterable[DocumentKind]) -> list:
    """Return the documents of these kinds on these records, by record then upload (one query)."""
    record_ids = list(record_ids)
    if not record_ids:
        return []
    query = (
        select(Document)
        .where(
            Document.table_name.in_(list(tables)),
            Document.record_id.in_(record_ids),
            Document.kind.in_(list(kinds)),
        )
        .order_by(Document.record_id, Document.uploaded_at, Document.id)
    )
    return list(db.session.scalars(query))


def read_or_none(document: Document) -> bytes | None:
    """Return a document's bytes; None (and a log line) when the store cannot give them."""
    try:
        return read_bytes(document)
    except StoreError:
        log.warning("document %s could not be read for a PDF", document.id, exc_info=True)
        return None


def image_data_uri(document: Document, size: int) -> str | None:
    """Return an image document scaled to `size` pixels as a JPEG data URI; None if unreadable."""
    if not is_image(document.content_type):
        return None
    data = read_or_none(document)
    if data is None:
        return None
    jpeg = _scaled_jpeg(data, size)
    if jpeg is None:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")


def _scaled_jpeg(data: bytes, size: int) -> bytes | None:
    try:
        with warnings.catch_warnings():
            # An image claiming more pixels than any camera makes is never decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return None
                image.draft("RGB", (size, size))
                image = ImageOps.exif_transpose(image)
                image.thumbnail((size, size))
                rgba = image.convert("RGBA")
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    except Image.DecompressionBombWarning:
        return None
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()
