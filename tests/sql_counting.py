"""The SQL statements a page or a piece of work sends. A page is counted on its second opening:
what a process reads once (navigation, labels, compiled statements) is read by the first."""

from sqlalchemy import event

from partnership.extensions import db


def statements_during(app, action) -> list[tuple[str, object]]:
    """Run `action`; return the statements it sent, each with its parameters."""
    with app.app_context():
        engine = db.engine
    sent = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent


def statements_and_body(app, client, path: str) -> tuple[int, bytes]:
    """Open `path` twice; return how many statements the second answer sent, and its body."""
    client.get(path)
    answers = []
    sent = statements_during(app, lambda: answers.append(client.get(path)))
    response = answers[0]
    assert response.status_code == 200, (path, response.status_code)
    return len(sent), response.get_data()


def statements_sent(app, client, path: str) -> int:
    """Open `path` twice; return how many statements the second answer sent."""
    return statements_and_body(app, client, path)[0]
