"""A person's documents under data protection: listed in their export, gone with their erasure.

A person's own documents are those on their contact record. Others may name them in a caption
or file name ("Anna Weber signs the charter.jpg"): the export lists those too. Erasure deletes
the first kind; in the others it replaces the name by the erased person's placeholder, and the
review page lists every document still carrying such a placeholder, so an admin decides whether
the photo itself may stay.
"""

import re

from sqlalchemy import String, cast, delete, func, or_, select

from partnership.documents import lifecycle
from partnership.documents.models import Document
from partnership.documents.services import parent_of, table_of
from partnership.documents.storage import store
from partnership.extensions import db
from partnership.history.models import Change

# Erased contacts are renamed "Erased person <id>" (people/privacy.py).
ERASED_MARK = "Erased person "
REVIEW_LIMIT = 200


def _name_pattern(name: str) -> re.Pattern | None:
    name = name.strip()
    # A name of one or two letters would match inside too many words to mean anyone.
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE) if len(name) > 2 else None


def _own(contact) -> list[Document]:
    query = select(Document).where(
        Document.table_name == table_of(contact), Document.record_id == contact.id
    )
    return db.session.scalars(query.execution_options(include_archived=True)).all()


def _naming(name: str, exclude: set[int]) -> list[Document]:
    """Return the documents whose caption or file name names `name` (archived ones too)."""
    pattern = _name_pattern(name)
    if pattern is None:
        return []
    # SQL narrows (its lower() folds ASCII only), the pattern decides.
    folded = name.strip().lower()
    query = select(Document).where(
        or_(
            func.lower(Document.caption).contains(folded, autoescape=True),
            func.lower(Document.filename).contains(folded, autoescape=True),
        )
    )
    found = db.session.scalars(query.execution_options(include_archived=True)).all()
    return [
        document
        for document in found
        if document.id not in exclude
        and (pattern.search(document.caption or "") or pattern.search(document.filename))
    ]


def person_documents(contact) -> list[dict]:
    """List the documents on a person's record and those naming them, for their export."""
    own = _own(contact)
    naming = _naming(contact.name, {document.id for document in own})
    return [_described(document, "on the person's contact record") for document in own] + [
        _described(document, "the caption or file name names the person") for document in naming
    ]


def _described(document: Document, why: str) -> dict:
    parent = parent_of(document, include_archived=True)
    return {
        "file": document.filename,
        "kind": document.kind.value,
        "caption": document.caption,
        "record": f"{type(parent).__name__} {parent.id}: {parent}" if parent else "",
        "uploaded_at": document.uploaded_at.isoformat() if document.uploaded_at else "",
        "archived": document.archived_at is not None,
        "why": why,
        "download": f"/documents/{document.id}",
    }


def erase_documents(contact, old_name: str, new_name: str) -> None:
    """Delete the person's own documents; put `new_name` for `old_name` in the others.

    Runs while the history is paused (see `erase_person`): none of this is written there, and
    the entries that named them are cleaned here.
    """
    own = _own(contact)
    own_ids = [document.id for document in own]
    for document in own:
        lifecycle.delete_after_commit(store(), document)
        db.session.delete(document)
    if own_ids:
        db.session.execute(
            delete(Change).where(Change.entity == "Document", Change.entity_id.in_(own_ids))
        )
    pattern = _name_pattern(old_name)
    naming = _naming(old_name, set(own_ids))
    for document in naming:
        document.caption = pattern.sub(new_name, document.caption or "")
        document.filename = pattern.sub(new_name, document.filename)[:255]
    if naming:
        _rename_in_history(naming, pattern, new_name)


def _rename_in_history(documents: list[Document], pattern: re.Pattern, new_name: str) -> None:
    """Rename the person in these documents' own history, and in their records' notes of them."""
    ids = [document.id for document in documents]
    own = select(Change).where(Change.entity == "Document", Change.entity_id.in_(ids))
    for change in db.session.scalars(own):
        change.changes = _renamed(change.changes, pattern, new_name)
        change.label = pattern.sub(new_name, change.label or "")[:300]
    parents = {parent for d in documents if (parent := parent_of(d, include_archived=True))}
    for parent in parents:
        notes = select(Change).where(
            Change.entity == type(parent).__name__,
            Change.entity_id == parent.id,
            cast(Change.changes, String).contains(f'"{lifecycle.FIELD}"'),
        )
        field = lifecycle.FIELD
        for change in db.session.scalars(notes):
            if field not in change.changes:
                continue
            change.changes = {
                **change.changes,
                field: _renamed(change.changes[field], pattern, new_name),
            }


def _renamed(value, pattern: re.Pattern, new_name: str):
    if isinstance(value, str):
        return pattern.sub(new_name, value)
    if isinstance(value, list):
        return [_renamed(item, pattern, new_name) for item in value]
    if isinstance(value, dict):
        return {key: _renamed(item, pattern, new_name) for key, item in value.items()}
    return value


def documents_to_review() -> list[Document]:
    """Return documents that still name an erased person, for an admin to decide on."""
    query = (
        select(Document)
        .where(
            or_(
                Document.caption.contains(ERASED_MARK, autoescape=True),
                Document.filename.contains(ERASED_MARK, autoescape=True),
            )
        )
        .order_by(Document.id)
        .limit(REVIEW_LIMIT)
    )
    return db.session.scalars(query).all()
