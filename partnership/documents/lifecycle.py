"""Keep the store and the database in step, and a record's history aware of its documents.

A file is written before its row is committed; should the commit fail (or never come), the file
is removed again, so the store holds no orphans. A file whose row is deleted (erasure) goes only
once the deletion is committed. Both lists live in the session, per transaction.
"""

import datetime as dt
import hashlib

from flask import current_app, has_app_context
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from partnership.documents.models import Document
from partnership.documents.storage import Store, StoreError, thumbnail_key
from partnership.history.models import Change
from partnership.history.recorder import PAUSED, _acting_user_id

UNCOMMITTED = "documents_uncommitted"
TO_DELETE = "documents_to_delete"
# The field a record's history shows its documents under.
FIELD = "documents"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _session():
    from partnership.extensions import db

    return db.session()


def put(store: Store, key: str, data: bytes, content_type: str) -> None:
    """Write a file that is removed again unless the current transaction commits."""
    _session().info.setdefault(UNCOMMITTED, []).append((store, key))
    store.put(key, data, content_type)


def delete_after_commit(store: Store, document: Document) -> None:
    """Remove a document's file (and preview) once its deletion is committed."""
    keys = _session().info.setdefault(TO_DELETE, [])
    keys += [(store, document.storage_key), (store, thumbnail_key(document.storage_key))]


def _remove(pairs) -> None:
    for store, key in pairs:
        try:
            store.delete(key)
        except StoreError as error:
            if has_app_context():
                current_app.logger.error("Document store: %s", error)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    session.info.pop(UNCOMMITTED, None)
    _remove(session.info.pop(TO_DELETE, []))


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction) -> None:
    # Only the outermost transaction decides; a savepoint's end commits nothing.
    if transaction.parent is not None or transaction.nested:
        return
    session.info.pop(TO_DELETE, None)
    _remove(session.info.pop(UNCOMMITTED, []))


@event.listens_for(Session, "after_flush")
def _note_on_parent(session: Session, _context) -> None:
    """Write "documents: — → scan.pdf" into the history of the record a document is on."""
    if session.info.get(PAUSED):
        return
    rows = []
    for document in session.new:
        if isinstance(document, Document):
            rows.append(_row(session, document, None, _shown(document)))
    for document in session.dirty:
        if not isinstance(document, Document):
            continue
        archived = inspect(document).attrs.archived_at.history
        if archived.has_changes():
            removed = document.archived_at is not None
            before, after = (_shown(document), None) if removed else (None, _shown(document))
            rows.append(_row(session, document, before, after))
    rows = [row for row in rows if row is not None]
    if rows:
        session.connection().execute(insert(Change), rows)


def _shown(document: Document) -> str:
    return f"{document.filename} ({document.kind.value})"


def _row(session: Session, document: Document, before, after) -> dict | None:
    from partnership.documents.services import root_model

    model = root_model(document.table_name)
    if model is None:
        return None
    with session.no_autoflush:
        parent = session.get(
            model, document.record_id, execution_options={"include_archived": True}
        )
    if parent is None:
        return None
    return {
        "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "user_id": _acting_user_id(),
        "action": "update",
        # The parent's own class: a visit's history is "Visit", not "Event".
        "entity": type(parent).__name__,
        "entity_id": parent.id,
        "label": str(parent)[:300],
        "changes": {FIELD: [before, after]},
    }
