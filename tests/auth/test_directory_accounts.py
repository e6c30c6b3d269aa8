"""The local rows of directory users: found by the directory's id only, never by e-mail."""

import pytest
from conftest import USERS
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.auth.directory import EmailTaken, provision
from partnership.auth.models import Role, User
from partnership.extensions import db

DN = "uid=anna,ou=people,dc=city,dc=example"


def test_new_account_with_a_case_variant_of_a_taken_email_is_refused(app_ctx):
    with pytest.raises(EmailTaken):
        provision("ldap", DN, USERS[Role.VIEWER].upper(), "Anna", Role.VIEWER)


def test_same_id_from_another_source_is_another_account(app_ctx):
    provision("ldap", DN, "anna@city.example", "Anna", Role.ADMIN)
    with pytest.raises(EmailTaken):
        provision("oidc", DN, "anna@city.example", "Anna", Role.ADMIN)


def test_own_email_may_change_case_but_not_to_another_rows(app_ctx):
    user = provision("ldap", DN, "anna@city.example", "Anna", Role.VIEWER)
    assert provision("ldap", DN, "Anna@City.example", "Anna", Role.VIEWER).email == (
        "Anna@City.example"
    )
    again = provision("ldap", DN, USERS[Role.EDITOR].title(), "Anna", Role.VIEWER)
    assert (again.id, again.email) == (user.id, "Anna@City.example")


def test_changes_are_audited_as_the_user_they_concern(app_ctx):
    user = provision("ldap", DN, "anna@city.example", "Anna", Role.VIEWER)
    provision("ldap", DN, "anna@city.example", "Anna Berg", Role.ADMIN)
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.user_id == user.id).order_by(AuditEntry.id)
    ).all()
    assert [(entry.action, entry.detail) for entry in entries] == [
        ("user-created", "anna@city.example role=viewer via ldap"),
        ("user-changed", "anna@city.example: name, role viewer→admin"),
    ]
    assert db.session.get(User, user.id).role == Role.ADMIN
