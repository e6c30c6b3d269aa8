"""Built benchmark databases kept between runs, keyed by what makes their content.

Building the large data takes one to two minutes per engine; its content depends only on the
generator, the benchmark's own records, the migrations and the demo story. A build is kept
under instance/bench-cache/<key>/ (a copy of the SQLite file, or a `pg_dump` of the PostgreSQL
database, with the stored documents beside it) and copied back on the next run with the same
key. Any change to those files gives a new key, and older keys' folders are removed.
"""

import hashlib
import json
import shutil
import subprocess
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bench.database import build, documents_folder
from bench.dataset import Size

PROJECT = Path(__file__).resolve().parent.parent
CACHE = PROJECT / "instance" / "bench-cache"
# What the built data is made of.
SOURCES = (
    "bench/dataset.py",
    "bench/database.py",
    "migrations/versions/*.py",
    "partnership/demo/*.py",
    "partnership/modeltypes.py",
    "partnership/text.py",
    "partnership/portal/services.py",
    "partnership/documents/services.py",
)


def key() -> str:
    digest = hashlib.sha256()
    for pattern in SOURCES:
        for path in sorted(PROJECT.glob(pattern)):
            digest.update(str(path.relative_to(PROJECT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_build(url: str, size: Size) -> dict:
    """Fill the empty database at `url` with `size`, from the cache when it holds that build."""
    started = time.perf_counter()
    folder = CACHE / key()
    engine = make_url(url).get_backend_name()
    stored = folder / f"{engine}-{size.name}"
    meta = stored / "built.json"
    if meta.exists() and _restore(url, stored):
        built = json.loads(meta.read_text())
        return {**built, "seconds": round(time.perf_counter() - started, 1), "cached": True}
    built = build(url, size)
    _forget_other_keys(folder)
    stored.mkdir(parents=True, exist_ok=True)
    if _keep(url, stored):
        meta.write_text(json.dumps(built))
    return {**built, "cached": False}


def _forget_other_keys(folder: Path) -> None:
    if CACHE.exists():
        for other in CACHE.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)


def _keep(url: str, stored: Path) -> bool:
    documents = Path(documents_folder(url))
    if documents.exists():
        shutil.copytree(documents, stored / "documents", dirs_exist_ok=True)
    database = make_url(url)
    if database.get_backend_name() == "sqlite":
        # Copied under another name first: a run reading the cache never sees half a file.
        shutil.copyfile(database.database, stored / "database.sqlite.partial")
        (stored / "database.sqlite.partial").rename(stored / "database.sqlite")
        return True
    tool = _postgres_tool(url, "pg_dump")
    if tool is None:
        return False
    partial = stored / "database.pgdump.partial"
    dumped = subprocess.run(
        [tool, "--format=custom", "--compress=1", "--no-owner", "-f", str(partial), _libpq(url)],
        capture_output=True,
        text=True,
    )
    if dumped.returncode != 0:
        print(f"  (not cached: pg_dump said {dumped.stderr.strip()[:200]})")
        return False
    partial.rename(stored / "database.pgdump")
    return True


def _restore(url: str, stored: Path) -> bool:
    database = make_url(url)
    documents = Path(documents_folder(url))
    if database.get_backend_name() == "sqlite":
        source = stored / "database.sqlite"
        if not source.exists():
            return False
        shutil.copyfile(source, database.database)
    else:
        tool = _postgres_tool(url, "pg_restore")
        dump = stored / "database.pgdump"
        if tool is None or not dump.exists():
            return False
        restored = subprocess.run(
            [tool, "--no-owner", "--jobs=2", "-d", _libpq(url), str(dump)],
            capture_output=True,
            text=True,
        )
        if restored.returncode != 0:
            print(f"  (cache not used: pg_restore said {restored.stderr.strip()[:200]})")
            return False
        # A dump holds no planner statistics: gather them as the build did.
        server = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with server.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
        server.dispose()
    shutil.rmtree(documents, ignore_errors=True)
    if (stored / "documents").exists():
        shutil.copytree(stored / "documents", documents)
    return True


def _libpq(url: str) -> str:
    """The URL as libpq's tools read it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _postgres_tool(url: str, name: str) -> str | None:
    """`name` of the server's own major version (a dump's format follows the server)."""
    server = create_engine(url, poolclass=NullPool)
    with server.connect() as connection:
        version = int(connection.execute(text("SHOW server_version_num")).scalar()) // 10000
    server.dispose()
    for folder in (f"/usr/lib/postgresql/{version}/bin",):
        if (Path(folder) / name).exists():
            return str(Path(folder) / name)
    return shutil.which(name)
