"""Restores from the archive and erasures are in the audit log, naming kind and id only."""

from conftest import USERS
from pages.helpers import make_city, make_contact

from partnership.audit.models import AuditAction
from partnership.auth.models import Role

NAME = "Wiktoria Zielińska"


def everything_logged(entries) -> str:
    return "\n".join(
        f"{e.actor} {e.method} {e.address} {e.path} {e.status} {e.detail}" for e in entries()
    )


def test_a_restore_from_the_archive_is_recorded(editor, admin, entries):
    city = make_city(editor, "Korosten")
    assert editor.post(f"/cities/{city}/delete").status_code == 302
    assert admin.post(f"/archive/City/{city}/restore").status_code == 302
    [entry] = entries(AuditAction.RESTORED)
    assert entry.detail == f"City {city}"
    assert entry.actor == USERS[Role.ADMIN]
    assert entry.path == f"/archive/City/{city}/restore"


def test_a_refused_restore_is_recorded_as_refused_not_restored(editor, entries):
    city = make_city(editor, "Korosten")
    assert editor.post(f"/cities/{city}/delete").status_code == 302
    assert editor.post(f"/archive/City/{city}/restore").status_code == 403
    assert entries(AuditAction.RESTORED) == []
    assert [e.path for e in entries(AuditAction.REFUSED)] == [f"/archive/City/{city}/restore"]


def test_an_erasure_is_recorded_without_the_persons_name(editor, admin, entries):
    contact = make_contact(editor, NAME)
    # A restore first, so the log has a chance to hold the name from before the erasure.
    assert editor.post(f"/contacts/{contact}/delete").status_code == 302
    assert admin.post(f"/archive/Contact/{contact}/restore").status_code == 302
    assert admin.post(f"/contacts/{contact}/erase").status_code == 302
    [entry] = entries(AuditAction.ERASED)
    assert entry.detail == f"Contact {contact}"
    assert entry.actor == USERS[Role.ADMIN]
    assert NAME not in everything_logged(entries)
    assert "Zieli" not in everything_logged(entries)
