"""HTTP hardening: security headers on every response, no caching of anything behind the login,
secure cookies behind HTTPS."""

import os

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

# Everything comes from our own origin; no inline script, no framing by other sites.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


# The same for everyone and free of personal data: the only answers a cache may keep. Every
# other answer (pages, downloads, the calendar feed, whose address is a password, even the
# login page and errors) may name people and is kept by neither the browser nor a proxy.
CACHEABLE_ENDPOINTS = {"static", "icon.favicon"}
# Every cookie the product sets, under its plain name; see secure_cookie_names().
COOKIE_SETTINGS = ("SESSION_COOKIE_NAME", "REMEMBER_COOKIE_NAME", "LANGUAGE_COOKIE_NAME")


def init_app(app: Flask) -> None:
    """Add the headers; trust a reverse proxy's X-Forwarded-* only when told to."""
    if proxies := int(os.environ.get("TRUSTED_PROXIES", "0") or 0):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    if app.config.get("SESSION_COOKIE_SECURE"):
        secure_cookie_names(app)
        app.wsgi_app = SecureCookies(app.wsgi_app)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.endpoint not in CACHEABLE_ENDPOINTS:
            response.headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response


def secure_cookie_names(app: Flask) -> None:
    """Name every cookie with the prefix that makes browsers accept it only over HTTPS.

    "__Host-" also binds the cookie to this very host (no Domain, Path "/"); where a domain or
    a narrower path is configured, "__Secure-" is the strongest prefix browsers then accept.
    """
    config = app.config
    config.setdefault("REMEMBER_COOKIE_NAME", "remember_token")
    config.setdefault("LANGUAGE_COOKIE_NAME", "lang")
    config["REMEMBER_COOKIE_SECURE"] = True
    config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    host_only = not (config.get("SESSION_COOKIE_DOMAIN") or config.get("REMEMBER_COOKIE_DOMAIN"))
    at_root = (config.get("SESSION_COOKIE_PATH") or config.get("APPLICATION_ROOT")) == "/"
    prefix = "__Host-" if host_only and at_root else "__Secure-"
    for setting in COOKIE_SETTINGS:
        if not config[setting].startswith(("__Host-", "__Secure-")):
            config[setting] = prefix + config[setting]


class SecureCookies:
    """Add Secure, HttpOnly and SameSite to every cookie on its way out, whoever set it.

    A library may set a cookie without asking the settings (Flask-Login deletes its
    remember-me cookie so), and a cookie without Secure is what a review flags first.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            headers = [
                (name, harden_cookie(value) if name.lower() == "set-cookie" else value)
                for name, value in headers
            ]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def harden_cookie(header: str) -> str:
    """Return a Set-Cookie value with Secure, HttpOnly and SameSite=Lax, unless already there."""
    present = {part.split("=", 1)[0].strip().lower() for part in header.split(";")[1:]}
    missing = [
        attribute
        for key, attribute in (
            ("secure", "Secure"),
            ("httponly", "HttpOnly"),
            ("samesite", "SameSite=Lax"),
        )
        if key not in present
    ]
    return "; ".join([header, *missing])
