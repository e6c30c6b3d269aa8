"""Fixtures for invitations: a real SMTP server on 127.0.0.1, an app sending to it, a
partnership to invite to."""

import email
import socket
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller
from conftest import make_app

from partnership.extensions import db
from partnership.partners.models import City, Partnership, PartnershipKind, PartnershipStatus


class Inbox:
    """What the SMTP server received: each message with the addresses it was sent to."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """An SMTP server on a free port of 127.0.0.1, stopped after the test."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


def app_with(database_path, **settings):
    app = make_app(database_path, **settings)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def mail_app(database_path, smtp):
    """The app sending its e-mail to the test's SMTP server."""
    yield from app_with(
        database_path,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp.port,
        MAIL_FROM="partnerships@city.example",
        MAIL_TIMEOUT_SECONDS=5,
    )


@pytest.fixture
def partnership_id(app) -> int:
    """A partnership of Dortmund with Zhytomyr."""
    with app.app_context():
        home = City(name="Dortmund", country_code="DE", is_home=True)
        partner = City(name="Zhytomyr", country_code="UA")
        partnership = Partnership(
            home_city=home,
            partner_city=partner,
            kind=PartnershipKind.TWINNING,
            status=PartnershipStatus.ACTIVE,
        )
        db.session.add(partnership)
        db.session.commit()
        return partnership.id
