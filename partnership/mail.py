"""Sending e-mail through the office's SMTP server, with nothing but the standard library.

Off while MAIL_SERVER is unset: whoever sends then offers the content another way (an
invitation's link is shown to copy). A failure is raised as MailNotSent with a reason an
admin can act on, never as an error page.
"""

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from flask import current_app, url_for
from flask_babel import gettext as _


class MailNotSent(Exception):
    """The message did not leave; `str(error)` says why, in the reader's language."""


def is_configured() -> bool:
    return bool((current_app.config.get("MAIL_SERVER") or "").strip())


def absolute_url(endpoint: str, **values) -> str:
    """Return the address of a page as someone outside reaches it, for a link in a message.

    PUBLIC_BASE_URL wins where set (the address the proxy shows the world); else the request's
    own host, as a trusted proxy (TRUSTED_PROXIES) or SERVER_NAME tells it.
    """
    base = (current_app.config.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def sender() -> str:
    """Return MAIL_FROM, else a login name that is an address; MailNotSent without either."""
    config = current_app.config
    address = (config.get("MAIL_FROM") or "").strip()
    if not address and "@" in (config.get("MAIL_USERNAME") or ""):
        address = config["MAIL_USERNAME"].strip()
    if not address:
        raise MailNotSent(_("no sender address is set (MAIL_FROM)"))
    return address


def compose(
    to: str, to_name: str, subject: str, text: str, html: str = "", language: str = ""
) -> EmailMessage:
    """Build a plain-text message, with an HTML alternative when `html` is given."""
    from_address = sender()
    message = EmailMessage()
    message["From"] = from_address
    message["To"] = formataddr((to_name, to)) if to_name else to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    # The sender's domain: make_msgid would otherwise ask the system for its name, which can
    # take seconds on a machine whose name does not resolve.
    message["Message-ID"] = make_msgid(domain=from_address.rpartition("@")[2] or "localhost")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    if language:
        # After the parts: making the message multipart moves every Content-* header into them.
        message["Content-Language"] = language
    return message


def send(message: EmailMessage) -> None:
    """Hand `message` to MAIL_SERVER; raise MailNotSent saying why it did not go."""
    config = current_app.config
    server = (config.get("MAIL_SERVER") or "").strip()
    if not server:
        raise MailNotSent(_("no mail server is set up (MAIL_SERVER)"))
    use_ssl, use_tls = bool(config.get("MAIL_USE_SSL")), bool(config.get("MAIL_USE_TLS"))
    port = int(config.get("MAIL_PORT") or (465 if use_ssl else 587 if use_tls else 25))
    timeout = float(config.get("MAIL_TIMEOUT_SECONDS") or 10)
    context = ssl.create_default_context()
    try:
        if use_ssl:
            connection = smtplib.SMTP_SSL(server, port, timeout=timeout, context=context)
        else:
            connection = smtplib.SMTP(server, port, timeout=timeout)
        with connection:
            if use_tls and not use_ssl:
                connection.starttls(context=context)
            if config.get("MAIL_USERNAME"):
                connection.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            connection.send_message(message)
    except (smtplib.SMTPException, OSError, ValueError) as error:
        raise MailNotSent(reason(error, server, port)) from error


def reason(error: Exception, server: str, port: int) -> str:
    """Say in a few words why sending failed, naming the setting to look at."""
    where = f"{server}:{port}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return _("the mail server did not accept the login (MAIL_USERNAME, MAIL_PASSWORD)")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _("the mail server refused the recipient's address")
    if isinstance(error, smtplib.SMTPSenderRefused):
        return _("the mail server refused the sender's address (MAIL_FROM)")
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return _("the mail server does not offer what the settings ask for (MAIL_USE_TLS)")
    if isinstance(error, smtplib.SMTPResponseException):
        answer = error.smtp_error.decode(errors="replace") if error.smtp_error else ""
        return _(
            "the mail server answered %(code)s %(answer)s", code=error.smtp_code, answer=answer
        )
    if isinstance(error, TimeoutError):
        return _("the mail server %(where)s did not answer in time", where=where)
    if isinstance(error, ssl.SSLError):
        return _("the secure connection to %(where)s failed (%(error)s)", where=where, error=error)
    if isinstance(error, OSError):
        detail = error.strerror or str(error)
        return _(
            "the mail server %(where)s could not be reached (%(error)s)", where=where, error=detail
        )
    return _("the mail server %(where)s failed (%(error)s)", where=where, error=error)
