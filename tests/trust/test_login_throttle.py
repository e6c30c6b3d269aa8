"""Password guessing is slowed down: after repeated failures logins are refused for a while,
with a message that does not tell whether the account exists."""

from datetime import timedelta

from conftest import PASSWORD, USERS
from pages.helpers import page
from sqlalchemy import func, select, update

from partnership.auth.models import LoginAttempt, Role
from partnership.extensions import db

LOCKED = "Too many failed attempts. Please wait a quarter of an hour and try again."
WRONG = "The email or password is not right."
UNKNOWN = "nobody@example.org"


def attempt(client, email: str, password: str = "wrong password!", address: str = "127.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def message(response) -> str:
    return page(response).text.split("Please check the form", 1)[-1]


def fail(client, email: str, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        response = attempt(client, email, address=address)
        assert response.status_code == 401
        assert WRONG in message(response)


def test_the_sixth_failure_is_refused_alike_for_existing_and_unknown_accounts(client):
    fail(client, USERS[Role.EDITOR], 5)
    fail(client, UNKNOWN, 5)

    existing = attempt(client, USERS[Role.EDITOR])
    unknown = attempt(client, UNKNOWN)

    assert (existing.status_code, unknown.status_code) == (429, 429)
    assert LOCKED in message(existing)
    assert message(existing).replace(USERS[Role.EDITOR], UNKNOWN) == message(unknown)


def test_the_right_password_is_refused_while_locked(client):
    fail(client, USERS[Role.EDITOR], 5)

    response = attempt(client, USERS[Role.EDITOR], PASSWORD)

    assert response.status_code == 429
    assert LOCKED in message(response)
    assert client.get("/").status_code == 302, "no session was opened"


def test_the_lock_follows_the_account_from_any_address(client):
    fail(client, USERS[Role.EDITOR], 5, address="10.0.0.1")

    response = attempt(client, USERS[Role.EDITOR], PASSWORD, address="10.0.0.2")

    assert response.status_code == 429


def test_the_email_is_counted_however_it_is_typed(client):
    fail(client, USERS[Role.EDITOR].upper(), 3)
    fail(client, f"  {USERS[Role.EDITOR]} ", 2)

    assert attempt(client, USERS[Role.EDITOR], PASSWORD).status_code == 429


def test_other_accounts_still_log_in_while_one_is_locked(client):
    fail(client, USERS[Role.EDITOR], 5)

    assert attempt(client, USERS[Role.VIEWER], PASSWORD).status_code == 302


def test_many_failures_from_one_address_lock_the_address(client):
    for number in range(20):
        attempt(client, f"guess{number}@example.org", address="10.9.9.9")

    assert attempt(client, USERS[Role.VIEWER], PASSWORD, address="10.9.9.9").status_code == 429
    assert attempt(client, USERS[Role.VIEWER], PASSWORD, address="10.9.9.8").status_code == 302


def test_the_lock_expires_after_the_window(app, client):
    fail(client, USERS[Role.EDITOR], 5)
    assert attempt(client, USERS[Role.EDITOR], PASSWORD).status_code == 429

    with app.app_context():
        db.session.execute(update(LoginAttempt).values(at=LoginAttempt.at - timedelta(minutes=16)))
        db.session.commit()

    assert attempt(client, USERS[Role.EDITOR], PASSWORD).status_code == 302


def test_a_successful_login_forgets_earlier_failures(app, client):
    fail(client, USERS[Role.EDITOR], 4)
    assert attempt(client, USERS[Role.EDITOR], PASSWORD).status_code == 302
    client.post("/logout")

    fail(client, USERS[Role.EDITOR], 4)

    assert attempt(client, USERS[Role.EDITOR], PASSWORD).status_code == 302
    with app.app_context():
        remaining = db.session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(LoginAttempt.account == USERS[Role.EDITOR])
        )
        assert remaining == 0


def test_guesses_sent_in_parallel_do_not_slip_past_the_lock(app):
    # Each guess is counted before its password is checked, so guesses that arrive together
    # see each other: no more get a verdict than the limit allows.
    from concurrent.futures import ThreadPoolExecutor

    limit = app.config["LOGIN_ATTEMPTS_PER_ACCOUNT"]

    def guess(_):
        return attempt(app.test_client(), USERS[Role.EDITOR]).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(guess, range(4 * limit)))
    assert statuses.count(401) <= limit
    assert statuses.count(429) >= 3 * limit
