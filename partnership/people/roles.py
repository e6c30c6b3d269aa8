"""Roles a contact held for a period: a mayor who left office stays the mayor of that time.

Roles are kept inside the contact: added and removed on the contact's page, listed there in
date order, and part of what a person's data protection report shows and erasure removes.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from partnership.extensions import db
from partnership.formatting import format_fuzzy
from partnership.forms import FuzzyDateField, RecordField
from partnership.fuzzydate import FuzzyDate
from partnership.history.models import Change
from partnership.partners.models import Organisation
from partnership.partners.queries import organisation_choices
from partnership.people.models import Contact, ContactRole
from partnership.records.children import ChildPages
from partnership.records.entity import Entity, register
from partnership.records.values import Invalid, existing

TITLE_LENGTH = ContactRole.__table__.c.title.type.length


@dataclass
class ContactRoleValues:
    title: str
    organisation_id: int | None = None
    since: FuzzyDate | None = None
    # Empty while the role lasts.
    until: FuzzyDate | None = None
    contact_id: int | None = None


def read_role(role: ContactRole) -> ContactRoleValues:
    return ContactRoleValues(
        title=role.title,
        organisation_id=role.organisation_id,
        since=role.since,
        until=role.until,
        contact_id=role.contact_id,
    )


def save_role(role: ContactRole, values: ContactRoleValues) -> None:
    """Keep a role with its period; a role cannot end before it began."""
    title = (values.title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Enter the role or title.")
    elif len(title) > TITLE_LENGTH:
        errors["title"] = _("Use at most %(count)d characters.", count=TITLE_LENGTH)
    since, until = values.since, values.until
    if since and until and until.end < since.start:
        errors["until"] = _("The role cannot end before it began.")
    if values.contact_id is None:
        errors["contact_id"] = _("Choose one.")
    if errors:
        raise Invalid(errors)
    gone = _("This record no longer exists; choose another.")
    existing(Contact, values.contact_id, "contact_id", gone)
    existing(Organisation, values.organisation_id, "organisation_id", gone)
    role.contact_id = values.contact_id
    role.title = title
    role.organisation_id = values.organisation_id
    role.since = since
    role.until = until


def add_role(values: ContactRoleValues) -> ContactRole:
    """Add a role to a contact. A current role fills the contact's role or title when it is
    empty; one already written stays as the office wrote it."""
    role = ContactRole()
    save_role(role, values)
    db.session.add(role)
    contact = db.session.get(Contact, values.contact_id)
    if values.until is None and not contact.role_title:
        contact.role_title = role.title
    return role


def roles_of(contact: Contact) -> list[ContactRole]:
    """Return a contact's roles in date order: the earliest first, undated ones last."""
    query = (
        select(ContactRole)
        .where(ContactRole.contact_id == contact.id)
        .options(selectinload(ContactRole.organisation))
        .order_by(
            ContactRole.date_sort.is_(None),
            ContactRole.date_sort,
            ContactRole.until_start.is_(None),
            ContactRole.until_start,
            ContactRole.id,
        )
    )
    return list(db.session.scalars(query))


def period(role: ContactRole) -> str:
    """Write a role's period at the precision of its dates: '2015–2020', 'since May 2021'."""
    since, until = format_fuzzy(role.since), format_fuzzy(role.until)
    if since and until:
        # "2015–2020", but "24 May 2015 – 3 June 2020": a dash between words has spaces.
        joiner = " – " if " " in since + until else "–"
        return f"{since}{joiner}{until}"
    if since:
        return _("since %(date)s", date=since)
    if until:
        return _("until %(date)s", date=until)
    return ""


def described(role: ContactRole) -> str:
    """A role as one line: 'Mayor, City of Zhytomyr, 2015–2020'."""
    return ", ".join(filter(None, (role.title, str(role.organisation or ""), period(role))))


# Data protection: a person's report shows their roles, erasure removes them ---------------


def role_report(contact: Contact) -> list[dict]:
    """The roles of a person, as their data protection report lists them."""
    return [
        {
            "title": role.title,
            "organisation": str(role.organisation or ""),
            "since": role.since.format("en") if role.since else "",
            "until": role.until.format("en") if role.until else "",
        }
        for role in db.session.scalars(
            select(ContactRole)
            .where(ContactRole.contact_id == contact.id)
            .order_by(ContactRole.date_sort, ContactRole.id)
            .execution_options(include_archived=True)
        )
    ]


def erase_roles(contact: Contact, erased: str, marker: str) -> None:
    """Delete a person's roles, removed ones included, and blank their history: a role names
    what the person did, which erasure must not keep. Call with the history paused."""
    roles = select(ContactRole.id).where(ContactRole.contact_id == contact.id)
    entries = select(Change).where(Change.entity == "ContactRole", Change.entity_id.in_(roles))
    for change in db.session.scalars(entries.execution_options(include_archived=True)):
        change.label = erased
        change.changes = {field: [marker, marker] for field in change.fields}
    for role in db.session.scalars(
        select(ContactRole)
        .where(ContactRole.contact_id == contact.id)
        .execution_options(include_archived=True)
    ):
        db.session.delete(role)


# The form and the child pages on the contact's page ---------------------------------------


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ContactRoleForm(FlaskForm):
    title = StringField(
        _l("Role or title"),
        validators=[DataRequired(), Length(max=TITLE_LENGTH)],
        filters=[_strip],
        description=_l("For example Mayor, Head of the youth office."),
    )
    organisation_id = RecordField(_l("Organisation"), choices=organisation_choices)
    since = FuzzyDateField(_l("Since"))
    until = FuzzyDateField(_l("Until"), description=_l("Leave empty while the role lasts."))


class RolePages(ChildPages):
    model = ContactRole
    form_class = ContactRoleForm
    path = "roles"
    anchor = "roles"
    form_name = "role_form"
    parent_key = "contact_id"
    form_prefix = "role"
    values = ContactRoleValues
    add_endpoint = "add_role"
    remove_endpoint = "remove_role"

    def add(self, contact, values):
        return add_role(values)

    def added_message(self, role) -> str:
        return _("Role “%(name)s” added.", name=role.title)

    def removed_message(self, role) -> str:
        return _("Role “%(name)s” removed.", name=role.title)


ROLES = RolePages()


def register_roles(bp, contact_pages) -> None:
    """Add and remove roles under the contact pages of `bp`."""
    ROLES.parent_pages = contact_pages
    ROLES.register(bp)


def detail_context(contact: Contact) -> dict:
    """What the contact's page shows of roles: the roles in order, and the empty form."""
    return {
        "roles": roles_of(contact),
        "role_period": period,
        ROLES.form_name: ROLES.empty_form(contact),
    }


CONTACT_ROLE = register(
    Entity(
        name="contact_roles",
        model=ContactRole,
        singular=_l("Role"),
        plural=_l("Roles"),
        fields={
            "contact_id": _l("Contact"),
            "title": _l("Role or title"),
            "organisation_id": _l("Organisation"),
            "date": _l("Since"),
            "since": _l("Since"),
            "until": _l("Until"),
            "until_start": _l("Until (first day)"),
            "until_end": _l("Until (last day)"),
            "until_precision": _l("Until (precision)"),
            "until_tentative": _l("Until (tentative)"),
        },
        values=ContactRoleValues,
        save=save_role,
        read=read_role,
        referred=lambda n, **f: ngettext(
            "%(num)d role of a contact refers to it as %(field)s.",
            "%(num)d roles of contacts refer to it as %(field)s.",
            n,
            **f,
        ),
        personal=True,
    )
)
