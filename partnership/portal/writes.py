"""What a partner writes: propose an event and edit it, attach a file, add press coverage.

Each page writes through the areas' own services and commits once; what a partner changes is
in the history under their name, since the history names the user of the request.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import RequestEntityTooLarge

from partnership import errors, once
from partnership.conflicts import differences
from partnership.documents.checks import too_large_message
from partnership.documents.services import max_bytes, store_document
from partnership.events.queries import event_label
from partnership.extensions import db
from partnership.portal import scope, services
from partnership.portal.blueprint import bp, render_event
from partnership.portal.forms import CoverageForm, PortalUploadForm, ProposalForm
from partnership.records.pages import commit_or_explain, show_invalid
from partnership.records.values import Invalid, as_form_data
from partnership.visits.models import Direction

# The file and the form around it: what the form fields and multipart framing may add.
FORM_ALLOWANCE = 64 * 1024
# Events offered to choose from for a press article: the latest ones, plus the one asked for.
COVERAGE_CHOICES = 100


@bp.url_value_preprocessor
def allow_a_document_upload(endpoint: str | None, _values) -> None:
    # Before anything reads the body: a document may be larger than the app's upload limit.
    if endpoint == "portal.upload":
        request.max_content_length = max_bytes() + FORM_ALLOWANCE


def _direction_choices(form: ProposalForm, partnership) -> None:
    home, partner = partnership.home_city, partnership.partner_city
    form.direction.choices = [
        ("", _("— (a meeting)")),
        (Direction.INCOMING.value, _("From %(from)s to %(to)s", **{"from": partner, "to": home})),
        (Direction.OUTGOING.value, _("From %(from)s to %(to)s", **{"from": home, "to": partner})),
    ]


def _proposal_values(form: ProposalForm, kind) -> services.ProposalValues:
    try:
        direction = Direction(form.direction.data) if form.direction.data else None
    except ValueError:
        direction = None
    return services.ProposalValues(
        kind=kind,
        title=form.title.data or "",
        date=form.date.data,
        direction=direction,
        place=form.place.data or "",
        summary=form.summary.data or "",
    )


def _render_form(form, partnership, event=None, status=None, **context):
    status = status or (422 if form.errors or form.form_errors else 200)
    return render_template(
        "portal/proposal.html", form=form, partnership=partnership, event=event, **context
    ), status


@bp.route("/events/new", methods=["GET", "POST"])
def propose():
    """Propose a new event of the partnership; the home office confirms it."""
    if location := once.already_saved():
        return once.repeat_response(location)
    partnership = scope.current_partnership()
    form = ProposalForm()
    _direction_choices(form, partnership)
    if form.validate_on_submit():
        values = _proposal_values(form, form.kind.data)
        try:
            event = services.propose_event(partnership, current_user, values)
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        else:
            location = url_for("portal.event", object_id=event.id)
            message = _("“%(title)s” was proposed; the office will confirm it.", title=event)
            if repeat := once.commit(location):
                return repeat
            flash(message, "success")
            return redirect(location)
    return _render_form(form, partnership)


@bp.route("/events/<int:object_id>/edit", methods=["GET", "POST"])
def edit(object_id: int):
    """Change an event the partner proposed; only its proposer may, and the office confirms
    the change again."""
    partnership = scope.current_partnership()
    event = scope.event_or_404(partnership, object_id)
    if not services.may_edit(event, current_user):
        abort(403)
    form = ProposalForm(data=as_form_data(services.read_proposal(event)))
    del form.kind
    _direction_choices(form, partnership)
    seen_version = request.form.get("version", type=int, default=event.version)
    if form.validate_on_submit():
        if seen_version != event.version:
            return _conflict(form, partnership, event)
        try:
            services.edit_proposal(event, partnership, _proposal_values(form, None))
            message = _("“%(title)s” was saved; the office will confirm it again.", title=event)
            saved = commit_or_explain(form)
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
            saved = False
        except StaleDataError:
            db.session.rollback()
            return _conflict(form, partnership, scope.event_or_404(partnership, object_id))
        if saved:
            flash(message, "success")
            return redirect(url_for("portal.event", object_id=object_id))
    version = request.form.get("version", type=int) or event.version
    return _render_form(form, partnership, event, version=version)


def _conflict(form, partnership, event):
    """Keep what the partner typed, and show what someone else saved meanwhile."""
    saved = ProposalForm(formdata=None, data=as_form_data(services.read_proposal(event)))
    del saved.kind
    _direction_choices(saved, partnership)
    found = differences(saved, form)
    return _render_form(form, partnership, event, 409, version=event.version, conflict=found)


@bp.post("/events/<int:object_id>/documents")
def upload(object_id: int):
    """Attach a file to one of the partnership's events, or say next to the field why not."""
    partnership = scope.current_partnership()
    event = scope.event_or_404(partnership, object_id)
    form = PortalUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            document = store_document(
                "event",
                event.id,
                upload.filename or "",
                upload.read(),
                form.kind.data,
                form.caption.data,
                False,
                current_user,
            )
            message = _("“%(name)s” was attached.", name=document.filename)
            db.session.commit()
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        else:
            flash(message, "success")
            return redirect(url_for("portal.event", object_id=object_id, _anchor="documents"))
    return render_event(partnership, event, 422, upload_form=form)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """Say so next to the file field: the request was too large to be read at all."""
    if request.endpoint != "portal.upload":
        return errors._http_error(error)  # not an upload: the answer every other page gives
    partnership = scope.current_partnership()
    event = scope.event_or_404(partnership, request.view_args["object_id"])
    form = PortalUploadForm(formdata=None)
    form.file.errors = [too_large_message(max_bytes())]
    return render_event(partnership, event, 413, upload_form=form)


def _coverage_choices(form: CoverageForm, partnership) -> None:
    """Offer the partnership's latest events, and the one the page was opened for."""
    events = scope.latest_events(partnership, COVERAGE_CHOICES)
    asked = request.args.get("event", type=int)
    if asked and asked not in {event.id for event in events}:
        if (event := scope.find_event(partnership, asked)) is not None:
            events.insert(0, event)
    form.event_ids.choices = [(event.id, event_label(event)) for event in events]


@bp.route("/press/new", methods=["GET", "POST"])
def add_press():
    """Add a press article about the partnership's events."""
    if location := once.already_saved():
        return once.repeat_response(location)
    partnership = scope.current_partnership()
    form = CoverageForm()
    _coverage_choices(form, partnership)
    if request.method == "GET" and (asked := request.args.get("event", type=int)):
        form.event_ids.data = [asked] if asked in dict(form.event_ids.choices) else []
    if form.validate_on_submit():
        values = services.CoverageValues(
            title=form.title.data,
            url=form.url.data or "",
            outlet=form.outlet.data or "",
            published_on=form.published_on.data,
            language=form.language.data or "",
            event_ids=tuple(form.event_ids.data or ()),
        )
        try:
            article = services.add_coverage(partnership, values)
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        else:
            location = url_for("portal.press")
            message = _("“%(title)s” was added.", title=article.title)
            if repeat := once.commit(location):
                return repeat
            flash(message, "success")
            return redirect(location)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("portal/coverage.html", form=form, partnership=partnership), status
