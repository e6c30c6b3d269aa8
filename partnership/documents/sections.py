"""The "Documents" section at the end of every record's page.

`RecordPages.render_detail` adds `section_context(record)` and renders the area's page through
`templates/documents/detail.html`, which appends the section to the page's content block.
"""

from flask import Flask, current_app, url_for

from partnership.documents import services
from partnership.documents.checks import file_size
from partnership.documents.forms import UploadForm
from partnership.documents.thumbnails import is_image
from partnership.records.entity import entity_of


def section_context(record) -> dict:
    """What the section shows: the record's documents, and an empty upload form."""
    return {
        "documents": services.documents_of(services.table_of(record), record.id),
        "document_table": services.table_of(record),
        "document_form": UploadForm(formdata=None),
    }


def _pages_of(record):
    # Every kind registers its `RecordPages.detail` (a bound method) as `<kind>.detail`.
    return current_app.view_functions[entity_of(record).detail_endpoint].__self__


def render_parent(record, status: int, **forms):
    """Show the record's page again, with a refused form in its documents section."""
    return _pages_of(record).render_detail(record, status, **forms)


def section_url(record) -> str:
    return url_for(entity_of(record).detail_endpoint, object_id=record.id, _anchor="documents")


def init_app(app: Flask) -> None:
    app.add_template_filter(file_size)
    app.add_template_global(lambda document: is_image(document.content_type), "has_preview")
    app.add_template_global(services.max_bytes, "document_max_bytes")
