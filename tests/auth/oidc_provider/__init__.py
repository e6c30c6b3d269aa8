"""A real OpenID provider for the tests (oidc-provider under Node), and a visitor for its pages."""

import os
import shutil
import signal
import socket
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

HERE = Path(__file__).parent
PROJECT = HERE.parents[2]
SERVER_SCRIPT = HERE / "server.mjs"
CLIENT_ID = "partnership"
CLIENT_SECRET = "provider-test-secret-0123456789"
# What the Flask test client calls itself: the provider sends the browser back here.
REDIRECT_URI = "http://localhost/login/oidc/callback"
START_TIMEOUT = 20


def missing_tools() -> str | None:
    """Say what is missing to run the provider, or None when Node and oidc-provider are there."""
    if shutil.which("node") is None:
        return "node is not installed (make test installs it)"
    if not (PROJECT / "node_modules" / "oidc-provider").is_dir():
        return "oidc-provider is not installed: run `npm ci`"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def discovery_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/.well-known/openid-configuration"


def app_settings(port: int, **overrides) -> dict:
    """Return the app's settings for logging in through the provider on `port`."""
    return {
        "OIDC_DISCOVERY_URL": discovery_url(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_SCOPES": "openid email profile roles",
        "OIDC_LABEL": "City account",
        "OIDC_ROLE_CLAIM": "roles",
        "OIDC_ROLE_MAP": '{"partnership-admins": "admin", "partnership-editors": "editor"}',
        **overrides,
    }


class ProviderProcess:
    """oidc-provider running on 127.0.0.1 in its own process; `stop` ends it by its PID."""

    def __init__(self, log_path: Path, port: int | None = None, redirect_uri: str = REDIRECT_URI):
        self.port = port or free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.discovery_url = discovery_url(self.port)
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            ["node", str(SERVER_SCRIPT), str(self.port), CLIENT_ID, CLIENT_SECRET, redirect_uri],
            cwd=PROJECT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_for_discovery(log_path)

    def _wait_for_discovery(self, log_path: Path) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oidc-provider stopped at start: {log_path.read_text()}")
            try:
                if requests.get(self.discovery_url, timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"oidc-provider did not answer within {START_TIMEOUT} s")

    def settings(self, **overrides) -> dict:
        """Return the app's settings for logging in through this provider."""
        return app_settings(self.port, **overrides)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


class _Page(HTMLParser):
    """The first form of a page (action and fields) and its links."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attrs.get("action", "")
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def answer_of_provider(authorization_url: str, login: str, cancel: bool = False) -> str:
    """Log in as `login` on the provider's own pages and consent; return where it sends back.

    A fresh HTTP session plays the user's browser at the provider; with `cancel`, the user
    presses the provider's Cancel link instead.
    """
    browser = requests.Session()
    url, data = authorization_url, None
    for _step in range(12):
        if data is None:
            response = browser.get(url, allow_redirects=False, timeout=10)
        else:
            response = browser.post(url, data=data, allow_redirects=False, timeout=10)
        if response.is_redirect:
            url, data = urljoin(url, response.headers["Location"]), None
            if url.startswith(REDIRECT_URI):
                return url
            continue
        assert response.status_code == 200, (response.status_code, response.text[:500])
        page = _Page()
        page.feed(response.text)
        if cancel:
            url, data = urljoin(url, next(link for link in page.links if "abort" in link)), None
            continue
        data = dict(page.fields)
        if "login" in data:
            data.update(login=login, password="any password")
        url = urljoin(url, page.action)
    raise AssertionError(f"the provider never sent the browser back (last: {url})")
