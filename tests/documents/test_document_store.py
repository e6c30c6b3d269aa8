"""The two stores: a folder, and an S3 bucket (a real S3 server on this machine, moto's)."""

import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from partnership.documents import services
from partnership.documents.models import DocumentKind
from partnership.documents.storage import FolderStore, S3Store, StoreError, new_key, store
from partnership.extensions import db
from partnership.records.values import Invalid

from .conftest import stored_files
from .helpers import pdf_bytes, png_bytes, upload

BUCKET = "office-documents"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-central-1", **CREDENTIALS
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    yield endpoint
    server.stop()


@pytest.fixture
def bucket(app, s3_endpoint):
    app.config.update(
        DOCUMENTS_S3_BUCKET=BUCKET,
        DOCUMENTS_S3_ENDPOINT=s3_endpoint,
        DOCUMENTS_S3_REGION="eu-central-1",
        DOCUMENTS_S3_ACCESS_KEY_ID="testing",
        DOCUMENTS_S3_SECRET_ACCESS_KEY="testing",
    )
    return s3_endpoint


def test_the_bucket_keeps_an_upload_byte_for_byte(app, editor, bucket, visit_id):
    data = pdf_bytes("Unterschriftenliste")
    assert (
        upload(editor, "visit", visit_id, "Liste.pdf", data, kind="signed list").status_code == 302
    )
    with app.app_context():
        [document] = services.documents_of("visit", visit_id, kinds=[DocumentKind.SIGNED_LIST])
        assert isinstance(store(), S3Store)
        assert services.read_bytes(document) == data
        objects = boto3.client("s3", endpoint_url=bucket, region_name="eu-central-1", **CREDENTIALS)
        stored = objects.get_object(Bucket=BUCKET, Key=document.storage_key)
        assert stored["Body"].read() == data
        assert stored["ContentType"] == "application/pdf"
    assert editor.get(f"/documents/{document.id}").data == data


def test_an_image_in_the_bucket_gets_its_preview_and_a_failed_commit_leaves_nothing(
    app, bucket, visit_id
):
    with app.app_context():
        document = services.store_document("visit", visit_id, "Foto.png", png_bytes(), "photo")
        assert services.thumbnail_bytes(document)[:2] == b"\xff\xd8"  # a JPEG
        key = document.storage_key
        assert store().exists(key)
        db.session.rollback()
        assert not store().exists(key)
        assert not store().exists(f"{key}.thumb")


def test_a_bucket_that_is_not_there_is_a_message_not_a_crash(app, bucket, visit_id, added):
    app.config["DOCUMENTS_S3_BUCKET"] = "no-such-bucket"
    with app.app_context():
        with pytest.raises(Invalid, match="could not be stored"):
            services.store_document("visit", visit_id, "scan.pdf", pdf_bytes())
        db.session.rollback()
    assert added() == []


def test_the_folder_writes_whole_files_under_keys_it_makes(tmp_path):
    folder = FolderStore(tmp_path)
    key = new_key()
    folder.put(key, b"content", "text/plain")
    assert folder.get(key) == b"content"
    assert [p.relative_to(tmp_path).as_posix() for p in stored_files(tmp_path)] == [key]
    folder.delete(key)
    assert stored_files(tmp_path) == []
    for bad in ("../secret_key", "/etc/passwd", key + "/../../x", ""):
        with pytest.raises(StoreError):
            folder.get(bad)
