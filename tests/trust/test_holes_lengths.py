"""Every text a form stores has a length limit the form checks, within its column, so over-long
input gets a message next to its field on both engines (PostgreSQL refuses an over-long value,
SQLite keeps it): never a 500, never a database's own words, and nothing saved.

Multi-line fields that become one record per line or item check each line. Notes are limited
to NOTES_MAX_LENGTH (10,000 characters), since the history keeps copies of every change.
"""

import pytest
from conftest import make_app
from flask_wtf import FlaskForm
from pages.helpers import fill, page
from sqlalchemy import select, text
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, StringField
from wtforms.fields.core import UnboundField
from wtforms.meta import DefaultMeta
from wtforms.validators import Length

from partnership.agreements.forms import AgreementForm
from partnership.agreements.models import Agreement
from partnership.aid.forms import AidForm
from partnership.aid.models import AidDelivery
from partnership.api.account_tokens import TokenForm
from partnership.api.models import ApiToken
from partnership.auth.account import PasswordChangeForm
from partnership.auth.forms import LoginForm, UserForm
from partnership.auth.models import LoginAttempt, Role, User
from partnership.documents.forms import DocumentForm, UploadForm
from partnership.documents.models import Document
from partnership.events.forms import EventForm, MilestoneForm, TopicForm
from partnership.events.models import Event, EventText, Milestone, MilestoneKind, Topic
from partnership.events.text_views import EventTextForm
from partnership.exchanges.forms import ExchangeForm
from partnership.exchanges.models import PlannedExchange
from partnership.extensions import db
from partnership.forms import NOTES_MAX_LENGTH, FuzzyDateField
from partnership.funding.event_forms import CostItemForm, ParticipantForm
from partnership.funding.forms import (
    BudgetLineForm,
    EventGrantForm,
    FundedEventForm,
    GrantForm,
    ProgrammeForm,
)
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    GrantEvent,
    Participant,
    Programme,
)
from partnership.fuzzydate import parse_fuzzy_date
from partnership.imports.kinds import importables
from partnership.imports.values import Lines, Text
from partnership.partner_access.forms import AcceptForm, InvitationForm
from partnership.partner_access.models import PartnerInvitation
from partnership.partners.forms import CityForm, OrganisationForm, PartnershipForm
from partnership.partners.models import City, Organisation, Partnership
from partnership.people.forms import ContactForm
from partnership.people.models import Contact, ContactRole
from partnership.people.roles import ContactRoleForm
from partnership.portal.forms import CoverageForm, PortalUploadForm, ProposalForm
from partnership.press.forms import PressArticleForm
from partnership.press.models import PressArticle
from partnership.records.entity import with_pages
from partnership.stages.forms import StageForm
from partnership.stages.models import PartnershipStage
from partnership.visits.forms import DelegationForm, MemberForm, VisitForm
from partnership.visits.models import Delegation, DelegationMember, Visit
from partnership.visits.recording_form import RecordVisitForm

from .conftest import logged_in
from .form_walk import endpoint_of, forms_storing_text, record_counts, stored_anywhere

# Each form that stores text: the model its fields are columns of, and the fields that go to
# a column of another name or another model.
FORM_COLUMNS = {
    AgreementForm: (Agreement, {}),
    AidForm: (AidDelivery, {}),
    CityForm: (City, {}),
    ContactForm: (Contact, {}),
    ContactRoleForm: (ContactRole, {}),
    CostItemForm: (CostItem, {}),
    DocumentForm: (Document, {}),
    DelegationForm: (Delegation, {}),
    EventGrantForm: (GrantEvent, {}),
    EventTextForm: (EventText, {}),
    ExchangeForm: (PlannedExchange, {}),
    FundedEventForm: (GrantEvent, {}),
    GrantForm: (Grant, {}),
    AcceptForm: (User, {}),
    InvitationForm: (PartnerInvitation, {}),
    BudgetLineForm: (BudgetLine, {}),
    LoginForm: (User, {"email": LoginAttempt.account}),
    MemberForm: (DelegationMember, {"new_contact_name": Contact.name}),
    MilestoneForm: (Milestone, {}),
    OrganisationForm: (Organisation, {}),
    ParticipantForm: (Participant, {}),
    PartnershipForm: (Partnership, {}),
    PressArticleForm: (PressArticle, {}),
    ProposalForm: (Milestone, {}),
    PortalUploadForm: (Document, {}),
    CoverageForm: (PressArticle, {}),
    ProgrammeForm: (Programme, {}),
    StageForm: (PartnershipStage, {}),
    RecordVisitForm: (
        Visit,
        {
            "delegation_name": Delegation.name,
            "article_url": PressArticle.url,
            "article_title": PressArticle.title,
            "article_outlet": PressArticle.outlet,
        },
    ),
    TokenForm: (ApiToken, {}),
    TopicForm: (Topic, {}),
    UploadForm: (Document, {}),
    UserForm: (User, {}),
    VisitForm: (Visit, {}),
}
# Text that is checked otherwise than by its length: a pattern of fixed length, a list of codes.
CHECKED_BY_PATTERN = {
    (CityForm, "country_code"),
    (GrantForm, "currency"),
    (AidForm, "currency"),
    (CostItemForm, "currency"),
    (ParticipantForm, "country_code"),
}
# Fields that become one record per line (or per comma-separated item): (separator, limit).
ITEM_FIELDS = {
    "other_names": ("\n", 200),
    "programme": ("\n", 500),
    "new_members": ("\n", 200),
    "new_topics": (",", 100),
}
# Every form of the app that stores text, by the endpoint it is sent to.
EXPECTED_ENDPOINTS = {
    f"{area}.{view}"
    for area in (entity.name for entity in with_pages())
    for view in ("create", "edit")
} | {
    "visits.record",
    "users.create",
    "users.edit",
    "delegations.add_member",
    "grants.add_budget_line",
    "grants.link_event",
    "event_funding.add_cost",
    "event_funding.add_participant",
    "event_funding.link_grant",
    "partner_access.invite",
}
# What a database says when it refuses a value, which a user must never read.
DATABASE_WORDS = (
    "psycopg",
    "sqlite3",
    "sqlalchemy",
    "StringDataRightTruncation",
    "value too long",
    "character varying",
    "IntegrityError",
    "DataError",
    "Background on this error",
)


def form_fields(form_class):
    """The fields of `form_class`, bound as the form would bind them."""
    meta = DefaultMeta()
    for name in dir(form_class):
        unbound = getattr(form_class, name, None)
        if isinstance(unbound, UnboundField):
            yield name, unbound.bind(form=None, name=name, _meta=meta)


def stores_text(field) -> bool:
    return isinstance(field, StringField) and not isinstance(field, HiddenField | FuzzyDateField)


def declared_max(field) -> int | None:
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max >= 0]
    return min(limits) if limits else None


def column_length(model, name: str, renamed: dict):
    column = renamed.get(name)
    if column is None:
        column = model.__mapper__.columns.get(name)
    if column is None:
        return None, False
    column = getattr(column, "expression", column)
    return getattr(column.type, "length", None), True


def test_every_text_field_has_a_limit_within_its_column(app):
    problems = []
    with app.test_request_context():
        for form_class, (model, renamed) in FORM_COLUMNS.items():
            for name, field in form_fields(form_class):
                if not stores_text(field) or (form_class, name) in CHECKED_BY_PATTERN:
                    continue
                limit = declared_max(field)
                length, is_column = column_length(model, name, renamed)
                where = f"{form_class.__name__}.{name}"
                if limit is None:
                    problems.append(f"{where} has no length limit")
                elif length is not None and limit > length:
                    problems.append(f"{where} allows {limit}, its column holds {length}")
                elif is_column and length is None and limit > NOTES_MAX_LENGTH:
                    problems.append(f"{where} allows {limit} in a text column")

    assert problems == []


def test_every_imported_text_fits_its_column(app):
    """A spreadsheet import checks lengths like a form: within the column, notes bounded."""
    problems = []
    for entity in importables().values():
        for column in entity.importer.columns:
            limit = getattr(column.kind, "max_length", None)
            length, is_column = column_length(entity.model, column.attr, {})
            where = f"{entity.name}: {column.name}"
            if not is_column or isinstance(column.kind, Lines):
                continue
            if limit is None and isinstance(column.kind, Text):
                problems.append(f"{where} has no length limit")
            elif limit is not None and length is not None and limit > length:
                problems.append(f"{where} allows {limit}, its column holds {length}")
            elif limit is not None and length is None and limit > NOTES_MAX_LENGTH:
                problems.append(f"{where} allows {limit} in a text column")

    assert problems == []


def test_the_list_of_forms_is_complete(app):
    """A new form that stores text must be added above, so its limits are checked."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    with app.test_request_context():
        storing = {
            cls
            for cls in subclasses(FlaskForm)
            if cls.__module__.startswith("partnership.")
            and getattr(cls.Meta, "csrf", True) is not False  # GET filters store nothing
            and any(stores_text(f) for _, f in form_fields(cls))
        }
    # Passwords are stored as a hash; the base of the event forms is never shown by itself.
    assert storing - set(FORM_COLUMNS) - {PasswordChangeForm, EventForm} == set()


@pytest.fixture
def every_kind(app, demo):
    """The demo plus a programme, a milestone, and a budget line for the first event."""
    with app.app_context():
        grant = db.session.scalars(select(Grant).order_by(Grant.id)).first()
        event = db.session.scalars(select(Event).order_by(Event.id)).first()
        db.session.add(Programme(name="Kommunale Partnerschaften", funder_id=grant.funder_id))
        db.session.add(
            Milestone(
                title="Council decides",
                milestone_kind=MilestoneKind.COUNCIL_DECISION,
                date=parse_fuzzy_date("2022"),
            )
        )
        if db.session.get(GrantEvent, (grant.id, event.id)) is None:
            db.session.add(GrantEvent(grant_id=grant.id, event_id=event.id))
        db.session.add(BudgetLine(grant_id=grant.id, name="Reisekosten", planned_amount=100))
        db.session.commit()
        assert event.id == 1, "the walk opens the funding page of event 1"


@pytest.fixture
def walk(app, every_kind):
    """An admin's browser and every form storing text that it finds on the app's pages."""
    admin = logged_in(app, Role.ADMIN)
    found = forms_storing_text(admin, app)
    return admin, {endpoint_of(app, f.action): f for f in found}


def test_the_walk_finds_every_form_that_stores_text(app, walk):
    _, forms = walk

    assert EXPECTED_ENDPOINTS - set(forms) == set()


def send(client, found, changes: dict):
    """Send the form as shown, with `changes` typed into it."""
    return client.post(found.action, data=MultiDict(fill(found.form.data(), changes)))


def over_long(control, marker: str) -> str:
    limit = int(control.attrs.get("maxlength") or 100_000)
    return marker + "x" * (limit + 1 - len(marker))


def refused_next_to(response, found, name: str) -> str:
    """Say what is wrong with the answer to a refused form, or return ''."""
    body = response.get_data(as_text=True)
    if response.status_code not in (200, 422):
        return f"answered {response.status_code}"
    if any(word.lower() in body.lower() for word in DATABASE_WORDS):
        return "shows the database's own words"
    shown = page(response)
    try:
        form = shown.form(found.form.action)
    except AssertionError:
        return "the form is not shown again"
    control = next((c for c in form.controls if c.name == name), None)
    if control is None or not control.invalid or not shown.error(control.attrs.get("id", "")):
        return "no message next to the field"
    return ""


def test_an_over_long_value_is_refused_next_to_its_field(app, walk):
    admin, forms = walk
    problems = {}
    counts = record_counts(app)
    number = 0
    for endpoint, found in sorted(forms.items()):
        for control in found.text_fields():
            number += 1
            marker = f"Zu-lang-{number}-"
            response = send(admin, found, {control.name: over_long(control, marker)})

            where = f"{endpoint} {control.name}"
            if problem := refused_next_to(response, found, control.name):
                problems[where] = problem
            if saved := stored_anywhere(app, marker):
                problems[where] = f"saved in {saved}"

    assert problems == {}
    assert record_counts(app) == counts
    assert number > 80, "the walk found too few text fields"


FIRST = object()  # pick the first choice of a select
# What a form needs besides the field tried, so that it is saved when that field fits; a
# record is chosen by typing its name into its field's box ("…-text").
VALID = {
    "visits.record": {
        "title": "Besuch",
        "date": "2024",
        "partner_city_id-text": "Zhytomyr",
        "host_city_id-text": "Dortmund",
    },
    "delegations.add_member": {"new_contact_name": "Neue Person"},
    "grants.add_budget_line": {"name": "Dolmetschen", "planned_amount": "10"},
    "grants.link_event": {"event_id-text": "Council decides"},
    "event_funding.add_cost": {"budget_line_id": FIRST, "amount": "5"},
    "event_funding.add_participant": {"name": "Teilnehmerin"},
    "event_funding.link_grant": {"grant_id-text": "DEMO-SKEW-2023"},
    "users.create": {"email": "neu@example.org", "password": "a long enough password"},
}


def valid_data(found, endpoint: str) -> dict:
    data = {}
    for field, value in VALID.get(endpoint, {}).items():
        # A form shown beside others names its fields with a prefix: "line-name".
        control = next(
            c for c in found.form.controls if c.name == field or c.name.endswith(f"-{field}")
        )
        if value is FIRST:
            value = next(v for v, _ in control.options if v)
        data[control.name] = value
    return data


def fresh(admin, found):
    """The form as the page shows it now (a new one-time key, the record's current version)."""
    from .form_walk import FoundForm

    shown = page(admin.get(found.page_url))
    return FoundForm(found.page_url, shown.form(found.form.action))


def answer_problem(response) -> str:
    if response.status_code >= 500:
        return f"answered {response.status_code}"
    body = response.get_data(as_text=True).lower()
    if any(word.lower() in body for word in DATABASE_WORDS):
        return "shows the database's own words"
    return ""


def test_a_value_of_exactly_the_limit_is_saved_or_refused_never_an_error(app, walk):
    """On PostgreSQL this fails for a form that allows more than its column holds."""
    admin, forms = walk
    problems = {}
    saved = 0
    for endpoint, found in sorted(forms.items()):
        if endpoint.endswith(".create") and endpoint not in VALID:
            continue  # the edit page of the same form fills every required field
        for control in found.text_fields():
            if not control.attrs.get("maxlength"):
                continue
            current = fresh(admin, found)
            value = "y" * int(control.attrs["maxlength"])
            changes = {**valid_data(current, endpoint), control.name: value}
            response = send(admin, current, changes)
            if problem := answer_problem(response):
                problems[f"{endpoint} {control.name}"] = problem
            saved += response.status_code == 302

    assert problems == {}
    assert saved > 40, "too few forms were saved to try the columns"


def item_values(name: str, marker: str):
    """An over-long item after a fitting one, and a value whose every item just fits."""
    separator, limit = ITEM_FIELDS[name]
    long_item = marker + "z" * (limit + 1 - len(marker))
    fitting = {
        "other_names": "uk: " + "z" * 200,
        "programme": "p" * 500,
        "new_members": "n" * 200 + " – " + "r" * 200,
        "new_topics": "t" * 100 + ", " + "u" * 100,
    }[name]
    if separator == "\n":
        return f"Erste Zeile\n{long_item}", fitting
    return f"Partnerschaft, {long_item}", fitting


def refused_for(response, found, control) -> str:
    """Say why a value that fits was refused for its own field, or return ''."""
    if response.status_code == 302:
        return ""
    shown = page(response)
    field = next(c for c in shown.form(found.form.action).controls if c.name == control.name)
    return shown.error(field.attrs["id"]) if field.invalid else ""


def test_each_line_of_a_multi_line_field_is_checked_and_named(app, walk):
    admin, forms = walk
    problems = {}
    tried = set()
    for endpoint, found in sorted(forms.items()):
        for control in found.text_fields():
            if control.name not in ITEM_FIELDS:
                continue
            tried.add(control.name)
            marker = f"Zeile-zu-lang-{len(tried)}-{endpoint}-"
            too_long, fitting = item_values(control.name, marker)
            current = fresh(admin, found)
            changes = {**valid_data(current, endpoint), control.name: too_long}
            response = send(admin, current, changes)
            where = f"{endpoint} {control.name}"
            if problem := refused_next_to(response, current, control.name):
                problems[where] = problem
            else:
                shown = page(response).form(current.form.action)
                field = next(c for c in shown.controls if c.name == control.name)
                message = page(response).error(field.attrs["id"])
                expected = "Line 2" if ITEM_FIELDS[control.name][0] == "\n" else marker[:20]
                if expected not in message:
                    problems[where] = f"the message does not name the item: {message!r}"
            if saved := stored_anywhere(app, marker):
                problems[where] = f"saved in {saved}"

            current = fresh(admin, found)
            changes = {**valid_data(current, endpoint), control.name: fitting}
            response = send(admin, current, changes)
            if problem := answer_problem(response) or refused_for(response, current, control):
                problems[f"{where} (fitting)"] = problem

    assert problems == {}
    assert tried == set(ITEM_FIELDS)


def test_the_login_refuses_an_over_long_account_name_next_to_the_field(client):
    response = client.post("/login", data={"email": "a" * 300 + "@example.org", "password": "x"})

    assert response.status_code in (200, 401, 422)
    shown = page(response)
    assert shown.field("email").invalid
    assert shown.error("email")


@pytest.mark.parametrize("field", ["name", "notes"])
def test_a_nul_character_in_a_form_is_refused_before_it_reaches_the_database(app, field):
    editor = logged_in(app, Role.EDITOR)
    counts = record_counts(app)

    data = {"name": "Ovruch", "country_code": "UA", field: "a\x00b"}
    response = editor.post("/cities/new", data=data)

    assert response.status_code == 400
    assert record_counts(app) == counts


def test_the_error_page_never_shows_the_databases_words(database_path):
    app = make_app(database_path, TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.post("/refused-by-the-database")
    def refused():
        db.session.execute(text("SELECT secret_column_name FROM no_such_table_here"))

    try:
        client = logged_in(app, Role.EDITOR)
        response = client.post("/refused-by-the-database")
        body = response.get_data(as_text=True)
    finally:
        with app.app_context():
            db.engine.dispose()

    assert response.status_code == 500
    assert "no_such_table_here" not in body
    assert "secret_column_name" not in body
    assert not any(word.lower() in body.lower() for word in DATABASE_WORDS)


@pytest.mark.parametrize("letter", ["ß", "ﬃ", "ﷺ"])  # each folds to several letters
def test_a_name_that_grows_when_folded_for_search_is_saved(app, letter):
    editor = logged_in(app, Role.EDITOR)
    name = letter * 200

    response = editor.post(
        "/cities/new", data={"name": name, "country_code": "DE", "other_names": f"de: {name}"}
    )

    assert response.status_code == 302
    with app.app_context():
        city = db.session.scalars(select(City).where(City.name == name)).one()
        assert {n.name for n in city.names} == {name}


def test_a_long_role_title_copied_onto_a_participant_list_fits(app, demo):
    """A contact's role title (300 characters) becomes a participant's role (200)."""
    with app.app_context():
        visit = db.session.scalars(select(Visit).where(Visit.delegation_id.is_not(None))).first()
        contact = Contact(name="Rolle Lang", role_title="r" * 300)
        visit.delegation.members.append(DelegationMember(contact=contact, role=""))
        db.session.commit()
        visit_id, contact_id = visit.id, contact.id
    editor = logged_in(app, Role.EDITOR)

    response = editor.post(f"/events/{visit_id}/funding/participants/delegation")

    assert response.status_code == 302
    with app.app_context():
        participant = db.session.scalars(
            select(Participant).where(Participant.contact_id == contact_id)
        ).one()
        assert participant.role == "r" * 200
