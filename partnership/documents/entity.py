"""Documents described once: they live in a record's "Documents" section, not on pages of their
own, but history and the archive read their kind's and fields' labels from here."""

from flask_babel import lazy_gettext as _l

from partnership.documents import services
from partnership.documents.models import Document, DocumentKind
from partnership.labels import describe_values
from partnership.records.entity import Entity, register

describe_values(
    DocumentKind,
    {
        "signed list": _l("signed participant list"),
        "photo": _l("photo"),
        "clipping": _l("press clipping"),
        "flyer": _l("flyer or poster"),
        "signed agreement": _l("signed agreement"),
        "receipt": _l("receipt"),
        "other": _l("other document"),
    },
)

DOCUMENT = register(
    Entity(
        name="documents",
        model=Document,
        singular=_l("Document"),
        plural=_l("Documents"),
        fields={
            "table_name": _l("Kind of record"),
            "record_id": _l("Record"),
            "kind": _l("Kind"),
            "filename": _l("File"),
            "content_type": _l("Content"),
            "size": _l("Size in bytes"),
            "sha256": _l("Checksum (SHA-256)"),
            "storage_key": _l("Stored as"),
            "caption": _l("Caption"),
            "public": _l("Public"),
            "uploaded_by_id": _l("Uploaded by"),
            "uploaded_at": _l("Uploaded"),
            "archived_at": _l("Archived"),
            "archived_by_id": _l("Archived by"),
        },
        values=services.DocumentValues,
        save=services.update_document,
        read=services.read_document,
    )
)
