"""Where the bytes of documents live: a folder on this machine, or an S3-compatible bucket that
several machines share. The database keeps only the key; keys are made here, never taken from
an upload, so no file name can reach outside the store or overwrite another document."""

import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Protocol

from flask import current_app

EXTENSION_KEY = "documents_store"
# Two hex digits of fan-out, then 32: a thumbnail keeps its document's key with a suffix.
KEY_PATTERN = re.compile(r"[0-9a-f]{2}/[0-9a-f]{32}(\.thumb)?")


class StoreError(RuntimeError):
    """The store could not keep, give back or remove a file; the message says why."""


class Store(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...


def new_key() -> str:
    """Return a fresh key no upload can guess or choose."""
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}"


def thumbnail_key(key: str) -> str:
    return f"{key}.thumb"


def _checked(key: str) -> str:
    if not KEY_PATTERN.fullmatch(key):
        raise StoreError(f"Not a document key: {key!r}")
    return key


class FolderStore:
    """Files in a folder: `<folder>/ab/ab12…`, written whole or not at all."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        return self.folder / _checked(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # A crash halfway leaves a temporary file, never a truncated document.
            handle, draft = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(draft, target)
        except OSError as error:
            raise StoreError(f"Cannot write {target}: {error.strerror}") from error

    def get(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except OSError as error:
            raise StoreError(f"Cannot read {self.path(key)}: {error.strerror}") from error

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        try:
            self.path(key).unlink(missing_ok=True)
        except OSError as error:
            raise StoreError(f"Cannot remove {self.path(key)}: {error.strerror}") from error


class S3Store:
    """Objects in an S3-compatible bucket (AWS, MinIO, Ceph, a cloud provider's)."""

    def __init__(self, bucket: str, endpoint: str = "", region: str = "", **credentials):
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        # Empty settings fall back to boto3's own: AWS_* variables, ~/.aws, instance roles.
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint or None,
            region_name=region or None,
            config=Config(retries={"max_attempts": 3}, connect_timeout=5, read_timeout=30),
            **{name: value for name, value in credentials.items() if value},
        )

    def _call(self, action: str, **kwargs):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, action)(Bucket=self.bucket, **kwargs)
        except (BotoCoreError, ClientError) as error:
            raise StoreError(f"The bucket {self.bucket} refused {action}: {error}") from error

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._call("put_object", Key=_checked(key), Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        return self._call("get_object", Key=_checked(key))["Body"].read()

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=_checked(key))
        except ClientError:
            return False
        return True

    def delete(self, key: str) -> None:
        self._call("delete_object", Key=_checked(key))


def make_store(config, instance_path: str) -> Store:
    """Build the store the settings choose: the bucket when one is named, else the folder."""
    if bucket := config.get("DOCUMENTS_S3_BUCKET"):
        return S3Store(
            bucket,
            endpoint=config.get("DOCUMENTS_S3_ENDPOINT", ""),
            region=config.get("DOCUMENTS_S3_REGION", ""),
            aws_access_key_id=config.get("DOCUMENTS_S3_ACCESS_KEY_ID", ""),
            aws_secret_access_key=config.get("DOCUMENTS_S3_SECRET_ACCESS_KEY", ""),
        )
    return FolderStore(documents_folder(config, instance_path))


def documents_folder(config, instance_path: str) -> Path:
    return Path(config.get("DOCUMENTS_FOLDER") or Path(instance_path) / "documents")


SETTINGS = (
    "DOCUMENTS_FOLDER",
    "DOCUMENTS_S3_BUCKET",
    "DOCUMENTS_S3_ENDPOINT",
    "DOCUMENTS_S3_REGION",
    "DOCUMENTS_S3_ACCESS_KEY_ID",
    "DOCUMENTS_S3_SECRET_ACCESS_KEY",
)


def store() -> Store:
    """Return the current app's store, made again only when its settings change."""
    app = current_app._get_current_object()
    settings = tuple(app.config.get(name) for name in SETTINGS)
    made = app.extensions.get(EXTENSION_KEY)
    if made is None or made[0] != settings:
        made = (settings, make_store(app.config, app.instance_path))
        app.extensions[EXTENSION_KEY] = made
    return made[1]
