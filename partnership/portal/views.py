"""The partner's own pages to read: their partnership, its events, delegations and press."""

from flask import render_template, request
from flask_babel import gettext as _

from partnership.documents.views import attachment
from partnership.events.models import Event, EventKind
from partnership.portal import (
    office,
    scope,
    writes,  # noqa: F401  (its pages are routes of the same blueprint)
)
from partnership.portal.blueprint import bp, page_of_ids, render_event
from partnership.records.entity import entities

blueprints = (bp, office.bp)

# Kinds a partner can list by themselves (links of the portal's menu), besides all events.
LISTED_KINDS = {kind.value for kind in EventKind}
OVERVIEW_LENGTH = 5
AWAITING_LENGTH = 10


@bp.get("/")
def index():
    """Show the partnership, its latest events and the partner's proposals."""
    partnership = scope.current_partnership()
    return render_template(
        "portal/index.html",
        partnership=partnership,
        latest=scope.latest_events(partnership, OVERVIEW_LENGTH),
        awaiting=scope.latest_events(partnership, AWAITING_LENGTH, awaiting=True),
        documents=scope.shown_documents("partnership", partnership.id),
    )


@bp.get("/events")
def events():
    """List the partnership's events of every kind (or of one), newest first."""
    partnership = scope.current_partnership()
    kind = request.args.get("kind", "")
    kind = kind if kind in LISTED_KINDS else ""
    return render_template(
        "portal/events.html",
        partnership=partnership,
        pagination=page_of_ids(scope.event_ids_query(partnership, kind or None), scope.load_events),
        kind=kind,
        heading=_kind_plural(kind) if kind else _("Events"),
    )


def _kind_plural(kind: str):
    """The plural of a kind of event as its description names it ("Agreements")."""
    for entity in entities():
        if entity.model.__mapper__.polymorphic_identity == kind and entity.model is not Event:
            return entity.plural
    return _("Events")


@bp.get("/events/<int:object_id>")
def event(object_id: int):
    """Show one of the partnership's events: what happened, its press and documents."""
    partnership = scope.current_partnership()
    return render_event(partnership, scope.event_or_404(partnership, object_id))


@bp.get("/delegations")
def delegations():
    """List the delegations of the partnership: name, where from, how many people."""
    partnership = scope.current_partnership()
    return render_template(
        "portal/delegations.html",
        partnership=partnership,
        pagination=page_of_ids(scope.delegation_ids_query(partnership), scope.load_delegations),
    )


@bp.get("/press")
def press():
    """List the press articles about the partnership's events, the latest first."""
    partnership = scope.current_partnership()
    return render_template(
        "portal/press.html",
        partnership=partnership,
        pagination=page_of_ids(scope.press_ids_query(partnership), scope.load_press),
    )


@bp.get("/documents/<int:document_id>")
def download(document_id: int):
    """Send a document of the partnership or of one of its events."""
    return attachment(scope.document_or_404(scope.current_partnership(), document_id))
