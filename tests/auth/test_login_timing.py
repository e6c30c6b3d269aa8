"""A login takes as long for an account that does not exist as for one that does."""

import statistics
import time

from conftest import make_app

from partnership.auth.models import Role
from partnership.auth.services import create_user
from partnership.extensions import db

# A deliberately slow hash makes the difference, if any, far larger than the machine's noise.
SLOW_HASH = "pbkdf2:sha256:400000"
EMAIL = "slow-hash@example.org"


def median_login_seconds(client, email: str, rounds: int = 3) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.post("/login", data={"email": email, "password": "not the password"})
        timings.append(time.perf_counter() - started)
        assert response.status_code == 401
    return statistics.median(timings)


def test_an_unknown_account_costs_a_password_check_like_a_known_one(database_path):
    app = make_app(
        database_path,
        PASSWORD_HASH_METHOD=SLOW_HASH,
        LOGIN_ATTEMPTS_PER_ACCOUNT=100,
        LOGIN_ATTEMPTS_PER_ADDRESS=100,
    )
    with app.app_context():
        create_user(EMAIL, "the right password", Role.VIEWER)
        db.session.commit()
    client = app.test_client()
    known = median_login_seconds(client, EMAIL)
    unknown = median_login_seconds(client, "nobody-here@example.org")
    # Without the stand-in check an unknown account answers in about a hundredth of the time.
    assert unknown > 0.5 * known, (unknown, known)
    with app.app_context():
        db.engine.dispose()
