"""The start page's chart is counted once after a write, not again on every request of the
minute after it, and still counted again when a change committed late appears."""

from datetime import UTC, datetime, timedelta

from sql_counting import statements_during
from sqlalchemy import delete, insert, select
from status.status_helpers import city, visit

from partnership.extensions import db
from partnership.history.models import Change


def statements_of(app, action) -> list[str]:
    return [statement for statement, _parameters in statements_during(app, action)]


def chart_counted(statements: list[str]) -> bool:
    return any("count(*)" in s and "partnership_stage" in s for s in statements)


def test_counts_kept_after_a_change_are_counted_again_when_an_earlier_one_commits(app, editor):
    app.config["KEEP_CHART_COUNTS"] = True
    with app.app_context():
        visit("Counted", "2020", partner=city("Lviv"))
        visit("Counted too", "2021", partner=city("Odesa"))
        newest = db.session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
        # A change whose id was taken by a request still running: not committed yet.
        late = db.session.execute(select(Change.__table__).where(Change.id < newest)).first()
        assert late is not None
        db.session.execute(delete(Change).where(Change.id == late.id))
        db.session.commit()
    assert chart_counted(statements_of(app, lambda: editor.get("/")))
    assert not chart_counted(statements_of(app, lambda: editor.get("/")))
    with app.app_context():
        row = dict(late._mapping)
        row["at"] = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=20)
        db.session.execute(insert(Change), [row])
        db.session.commit()
    # The newest id is the same, yet the late change is seen: counted again, then kept.
    assert chart_counted(statements_of(app, lambda: editor.get("/")))
    assert not chart_counted(statements_of(app, lambda: editor.get("/")))
