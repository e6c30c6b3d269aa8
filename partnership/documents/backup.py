"""The document files in a backup: beside the database copy `FILE`, a `FILE.documents.tar` of
the documents folder, which a restore unpacks again. A bucket is backed up by its own means."""

import tarfile
from pathlib import Path

from flask import current_app

from partnership.backup import BackupError
from partnership.documents.storage import KEY_PATTERN, documents_folder

SUFFIX = ".documents.tar"


def files_beside(database_copy: Path) -> Path:
    return database_copy.with_name(database_copy.name + SUFFIX)


def _folder() -> Path | None:
    """The documents folder, or None when the documents are kept in a bucket."""
    if current_app.config.get("DOCUMENTS_S3_BUCKET"):
        return None
    return documents_folder(current_app.config, current_app.instance_path)


def backup_documents(database_copy: Path) -> str:
    """Pack the document files beside the database copy; return what was done, in a line."""
    folder = _folder()
    if folder is None:
        return "Documents are kept in an S3 bucket: back the bucket up separately."
    target = files_beside(database_copy)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    keys = sorted(
        path.relative_to(folder).as_posix()
        for path in (folder.rglob("*") if folder.is_dir() else [])
        if path.is_file() and KEY_PATTERN.fullmatch(path.relative_to(folder).as_posix())
    )
    # Taken after the database copy: every file a copied row names is there already.
    draft = target.with_name(target.name + ".part")
    try:
        with tarfile.open(draft, "w") as archive:
            for key in keys:
                archive.add(folder / key, arcname=key, recursive=False)
        draft.rename(target)
    except OSError as error:
        draft.unlink(missing_ok=True)
        raise BackupError(f"Cannot write {target}: {error.strerror or error}") from error
    return f"{len(keys)} document file(s) written to {target}."


def restore_documents(database_copy: Path) -> str:
    """Unpack the document files kept beside a database copy into the documents folder."""
    folder = _folder()
    source = files_beside(database_copy)
    if folder is None:
        return "Documents are kept in an S3 bucket: restore the bucket separately."
    if not source.exists():
        return f"No {source.name} beside the backup: the document files were left as they are."
    try:
        with tarfile.open(source, "r") as archive:
            # Only files named as the store names them: nothing can land outside the folder.
            members = [
                m for m in archive.getmembers() if m.isfile() and KEY_PATTERN.fullmatch(m.name)
            ]
            archive.extractall(folder, members=members, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot restore the document files from {source}: {error}") from error
    return f"{len(members)} document file(s) restored into {folder}."
