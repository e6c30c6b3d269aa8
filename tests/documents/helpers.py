"""Files to upload, and the upload form of a record's page."""

import io
import zipfile

from PIL import Image

PNG_SIZE = (640, 480)


def png_bytes(size=PNG_SIZE, colour="teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def pdf_bytes(text: str = "Signed list") -> bytes:
    """A small valid PDF, written by hand: libmagic only needs its header."""
    body = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length " + str(len(body)).encode() + b">>stream\n" + body + b"\nendstream"
        b"\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def windows_program_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def docx_bytes() -> bytes:
    out = io.BytesIO()
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{main}"/>'
            "</Types>",
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def upload(client, table: str, record_id: int, name: str, data: bytes, **fields):
    """Send the upload form of a record's documents section."""
    values = {
        "document-kind": fields.get("kind", "other"),
        "document-caption": fields.get("caption", ""),
    }
    if fields.get("public"):
        values["document-public"] = "y"
    # Built here, in memory: the test client would spool a large body to a temporary file.
    parts = [
        f'--B\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in values.items()
    ]
    head = (
        f'--B\r\nContent-Disposition: form-data; name="document-file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    )
    body = b"".join(parts) + head.encode() + data + b"\r\n--B--\r\n"
    return client.post(
        f"/documents/attach/{table}/{record_id}",
        data=body,
        content_type="multipart/form-data; boundary=B",
    )
