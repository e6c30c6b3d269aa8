"""Documents on records: attach a file, list a record's files, read one back, change what is
said about it, remove it to the archive.

Other areas (the report pack, the demo) call `documents_of`, `read_bytes` and
`store_document`; pages call the same functions. Like every service these flush and never
commit; `lifecycle` removes a stored file again when its transaction does not commit.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from partnership.archive import archive
from partnership.documents import lifecycle
from partnership.documents.checks import check_upload, clean_filename
from partnership.documents.models import Document, DocumentKind
from partnership.documents.storage import StoreError, new_key, store, thumbnail_key
from partnership.documents.thumbnails import is_image, make_thumbnail
from partnership.extensions import db
from partnership.records.values import Invalid

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class DocumentValues:
    """What an editor may change about a stored document (its bytes never change)."""

    kind: DocumentKind = DocumentKind.OTHER
    caption: str = ""
    public: bool = False


def max_bytes() -> int:
    return current_app.config.get("DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def root_model(table_name: str) -> type | None:
    """Return the model a table's rows belong to, the base kind for an event's subtypes."""
    for mapper in db.Model.registry.mappers:
        if table_name in (mapper.local_table.name, getattr(mapper.persist_selectable, "name", "")):
            return mapper.base_mapper.class_
    return None


def table_of(record) -> str:
    """Return the table name documents of `record` are filed under (`event` for any event)."""
    return db.inspect(type(record)).base_mapper.local_table.name


def _filed_as(table_name: str) -> str:
    model = root_model(table_name)
    return model.__table__.name if model is not None else table_name


def parent_of(document: Document, include_archived: bool = False):
    """Return the record a document is attached to (None when it is gone or archived)."""
    model = root_model(document.table_name)
    if model is None:
        return None
    options = {"include_archived": include_archived}
    return db.session.get(model, document.record_id, execution_options=options)


def documents_of(
    table_name: str, record_id: int, kinds: Iterable[DocumentKind | str] | None = None
) -> list[Document]:
    """Return the documents on one record, oldest first, optionally only of some kinds.

    `table_name` is the record's table; an event's subtype (`visit`) finds its event's files.
    """
    query = select(Document).where(
        Document.table_name == _filed_as(table_name), Document.record_id == record_id
    )
    if kinds is not None:
        query = query.where(Document.kind.in_([DocumentKind(kind) for kind in kinds]))
    return db.session.scalars(query.order_by(Document.uploaded_at, Document.id)).all()


def get_document(document_id: int, include_archived: bool = False) -> Document | None:
    query = select(Document).where(Document.id == document_id)
    return db.session.scalars(query.execution_options(include_archived=include_archived)).first()


def read_bytes(document: Document) -> bytes:
    """Return a document's file, byte for byte as uploaded; `StoreError` if the store fails."""
    return store().get(document.storage_key)


def store_document(
    table_name: str,
    record_id: int,
    filename: str,
    data: bytes,
    kind: DocumentKind | str = DocumentKind.OTHER,
    caption: str = "",
    public: bool = False,
    user=None,
) -> Document:
    """Check an upload by its content, keep the file and attach it to a record.

    Raises `Invalid` (on `file`) when the content is refused or the store cannot keep it; the
    stored file is removed again unless the caller's transaction commits.
    """
    filename = clean_filename(filename)
    content_type = check_upload(filename, data, max_bytes())
    model = root_model(table_name)
    if model is None or db.session.get(model, record_id) is None:
        raise Invalid({"file": _("The record to attach the file to does not exist.")})
    key = new_key()
    try:
        lifecycle.put(store(), key, data, content_type)
        if is_image(content_type) and (thumbnail := make_thumbnail(data)):
            lifecycle.put(store(), thumbnail_key(key), thumbnail, "image/jpeg")
    except StoreError as error:
        current_app.logger.error("Document store: %s", error)
        raise Invalid(
            {
                "file": _(
                    "The file could not be stored; nothing was saved. Try again later, or tell "
                    "the administrator."
                )
            }
        ) from error
    document = Document(
        table_name=model.__table__.name,
        record_id=record_id,
        kind=DocumentKind(kind),
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=lifecycle.sha256(data),
        storage_key=key,
        caption=(caption or "").strip(),
        public=bool(public),
        uploaded_by_id=getattr(user, "id", None),
        uploaded_at=datetime.now(UTC).replace(tzinfo=None),
    )
    db.session.add(document)
    db.session.flush()
    return document


def read_document(document: Document) -> DocumentValues:
    return DocumentValues(kind=document.kind, caption=document.caption, public=document.public)


def update_document(document: Document, values: DocumentValues) -> None:
    """Change what a document is, says and who may see it; the file itself stays."""
    document.kind = DocumentKind(values.kind)
    document.caption = (values.caption or "").strip()
    document.public = bool(values.public)
    db.session.flush()


def remove_document(document: Document) -> None:
    """Move a document to the archive; its file stays so an admin can restore it."""
    archive(document)
    db.session.flush()


def thumbnail_bytes(document: Document) -> bytes | None:
    """Return the preview of an image document, made and kept in the store on first need."""
    if not is_image(document.content_type):
        return None
    key = thumbnail_key(document.storage_key)
    the_store = store()
    try:
        return the_store.get(key)
    except StoreError:
        pass
    # Documents stored before previews existed, or restored without them.
    thumbnail = make_thumbnail(read_bytes(document))
    if thumbnail is not None:
        try:
            the_store.put(key, thumbnail, "image/jpeg")
        except StoreError as error:
            current_app.logger.warning("Document store: preview not kept: %s", error)
    return thumbnail
