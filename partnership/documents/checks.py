"""What an upload is, told by its content: libmagic reads the bytes, and the file name's
extension must agree. A '.pdf' that is really a picture, or a program, is refused."""

import re
import unicodedata
from pathlib import PurePosixPath

import magic
from flask_babel import format_decimal
from flask_babel import gettext as _

from partnership.records.values import Invalid

# libmagic finds an office document's kind in the zip entries, which may sit past the start.
HEAD_BYTES = 1024 * 1024

OPENXML = "application/vnd.openxmlformats-officedocument."
OPENDOCUMENT = "application/vnd.oasis.opendocument."
# Extension → the content types libmagic may find in such a file.
ALLOWED = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "webp": {"image/webp"},
    "gif": {"image/gif"},
    "docx": {OPENXML + "wordprocessingml.document"},
    "xlsx": {OPENXML + "spreadsheetml.sheet"},
    "pptx": {OPENXML + "presentationml.presentation"},
    "odt": {OPENDOCUMENT + "text"},
    "ods": {OPENDOCUMENT + "spreadsheet"},
    "odp": {OPENDOCUMENT + "presentation"},
    "txt": {"text/plain"},
    "csv": {"text/plain", "text/csv"},
}
KINDS_OF_CONTENT = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/gif": "GIF",
    "text/plain": "text",
    "text/csv": "CSV",
    "application/zip": "zip",
    "application/x-dosexec": "Windows program",
    "application/x-executable": "program",
    "application/x-sharedlib": "program",
    "application/x-pie-executable": "program",
    "text/html": "HTML",
    "image/svg+xml": "SVG",
}


def allowed_extensions() -> str:
    return ", ".join(f".{extension}" for extension in ALLOWED)


def clean_filename(name: str) -> str:
    """Return the file's own name, without folders or control characters, at most 255 long."""
    name = PurePosixPath((name or "").replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: 254 - len(extension)] + dot + extension) if dot else name[:255]
    return name


def extension_of(filename: str) -> str:
    match = re.search(r"\.([A-Za-z0-9]{1,10})$", filename)
    return match.group(1).lower() if match else ""


def content_type_of(data: bytes) -> str:
    return magic.from_buffer(data[:HEAD_BYTES], mime=True)


def check_upload(filename: str, data: bytes, max_bytes: int) -> str:
    """Return the content type of an acceptable upload; raise `Invalid` saying why not."""
    if not filename:
        raise Invalid({"file": _("Choose a file to attach.")})
    if not data:
        raise Invalid({"file": _("The file “%(name)s” is empty.", name=filename)})
    if len(data) > max_bytes:
        raise Invalid({"file": too_large_message(max_bytes)})
    extension = extension_of(filename)
    if extension not in ALLOWED:
        raise Invalid(
            {
                "file": _(
                    "Files ending in “%(ending)s” cannot be attached. Allowed: %(allowed)s.",
                    ending=f".{extension}" if extension else _("(no ending)"),
                    allowed=allowed_extensions(),
                )
            }
        )
    found = content_type_of(data)
    if found not in ALLOWED[extension]:
        raise Invalid(
            {
                "file": _(
                    "“%(name)s” is not what its name says: its content is %(found)s, not "
                    ".%(ending)s. Nothing was saved; check that this is the right file.",
                    name=filename,
                    found=KINDS_OF_CONTENT.get(found, found),
                    ending=extension,
                )
            }
        )
    return found


def too_large_message(max_bytes: int) -> str:
    return _(
        "The file is too large: at most %(size)s can be attached. Nothing was saved; "
        "make it smaller (e.g. scan at a lower resolution) and try again.",
        size=file_size(max_bytes),
    )


def file_size(size: int) -> str:
    """Return a size as people read it: 830 bytes, 14 KB, 2.4 MB."""
    if size < 1024:
        return _("%(num)s bytes", num=size)
    if size < 1024 * 1024:
        return _("%(num)s KB", num=format_decimal(round(size / 1024)))
    return _("%(num)s MB", num=format_decimal(round(size / 1048576, 1)))
