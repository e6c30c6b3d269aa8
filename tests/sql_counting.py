"""How many SQL statements a page sends, counted on its second opening: what a process reads
once (navigation, labels, compiled statements) is read by the first."""

from sqlalchemy import event

from partnership.extensions import db


def statements_and_body(app, client, path: str) -> tuple[int, bytes]:
    """Open `path` twice; return how many statements the second answer sent, and its body."""
    with app.app_context():
        engine = db.engine
    sent = []

    def count(*_args):
        sent.append(1)

    client.get(path)
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, (path, response.status_code)
    return len(sent), response.get_data()


def statements_sent(app, client, path: str) -> int:
    """Open `path` twice; return how many statements the second answer sent."""
    return statements_and_body(app, client, path)[0]
