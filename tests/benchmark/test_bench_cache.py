"""The benchmark keeps a built database and copies it back on the next run with the same key."""

import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench import cache  # noqa: E402
from bench.database import PUBLIC_PHOTO, documents_folder  # noqa: E402
from bench.dataset import Size  # noqa: E402

TINY = Size("tiny", 3, 40, 10, 5, 2)


def _published_and_photo(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        published = connection.scalar(text("SELECT count(*) FROM event WHERE published"))
        photos = connection.scalar(
            select(func.count()).select_from(text("document")).where(
                text("filename = :name")
            ), {"name": PUBLIC_PHOTO}
        )  # fmt: skip
    engine.dispose()
    return published, photos


def test_a_second_build_is_copied_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")
    first_url, second_url = (f"sqlite:///{tmp_path / name}.sqlite" for name in ("one", "two"))
    built = cache.cached_build(first_url, TINY)
    assert built["cached"] is False
    copied = cache.cached_build(second_url, TINY)
    assert copied["cached"] is True and copied["rows"] == built["rows"]
    # The copy holds the benchmark's records and the stored files its documents point to.
    assert _published_and_photo(second_url) == _published_and_photo(first_url)
    assert _published_and_photo(second_url)[1] == 1
    assert sorted(p.name for p in Path(documents_folder(second_url)).rglob("*") if p.is_file())
    # Another key (a changed migration or generator) builds anew and forgets the old one.
    monkeypatch.setattr(cache, "key", lambda: "changed")
    third = cache.cached_build(f"sqlite:///{tmp_path / 'three'}.sqlite", TINY)
    assert third["cached"] is False
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["changed"]
