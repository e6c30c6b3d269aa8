"""`make serve`'s gunicorn: idle and slow clients do not keep others waiting."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import database_uri

from .conftest import free_port

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def gunicorn(port: int, **settings) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env = {k: v for k, v in {**env, **settings}.items() if v is not None}
    return subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "partnership:create_app()"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def get(url: str, timeout: float) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status


@pytest.fixture
def server(database_path):
    port = free_port()
    process = gunicorn(port, DATABASE_URL=database_uri(database_path), SECRET_KEY="serve-test")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except OSError:
                assert process.poll() is None, process.communicate()[1]
                assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_idle_and_half_sent_requests_do_not_starve_a_normal_one(server):
    idle = [socket.create_connection(("127.0.0.1", server)) for _ in range(6)]
    half = socket.create_connection(("127.0.0.1", server))
    half.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
    try:
        time.sleep(0.5)  # the server has accepted them all by now
        # Starved sync workers would hold the request until their 30-second timeout: the
        # answer must come well before, however busy the machine running the test is.
        assert get(f"http://127.0.0.1:{server}/login", timeout=10) == 200
    finally:
        for connection in [*idle, half]:
            connection.close()


def test_gunicorn_without_a_secret_key_or_instance_folder_says_so_in_one_line(tmp_path):
    blocked = tmp_path / "instance"
    blocked.write_text("a file where the instance folder should be")
    process = gunicorn(free_port(), SECRET_KEY=None, INSTANCE_PATH=str(blocked))
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, stderr
    assert "SECRET_KEY" in errors[0] and str(blocked) in errors[0]
