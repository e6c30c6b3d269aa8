"""The photo sheet of a grant: the photos uploaded to its funded events, as a grid with their
captions, event by event."""

from flask_babel import force_locale
from flask_babel import gettext as _

from partnership.documents.models import DocumentKind
from partnership.pdf import evidence
from partnership.pdf.facts import event_facts, office_name
from partnership.pdf.payments import Period, selection_for
from partnership.pdf.render import pdf_language, render_pdf
from partnership.reports.selection import funded_activities

# Funders ask for a page or two; a sheet shows at most this many photos (each embedded in the
# document), and says how many more are kept as files.
MAX_PHOTOS = 60


def photo_sheet_pdf(grant_id: int, period: Period | None = None, lang: str | None = None) -> bytes:
    """Render the photos of the grant's funded events in the period as a sheet of thumbnails."""
    selection = selection_for(grant_id, period)
    grant = selection.grants[0]
    language = pdf_language(lang)
    with force_locale(language):
        events = {event.id: event for _link, _grant, event in funded_activities(selection)}
        photos = evidence.documents_on(evidence.event_tables(), events, [DocumentKind.PHOTO])
        shown = photos[:MAX_PHOTOS]
        groups: dict[int, list] = {}
        for photo in shown:
            uri = evidence.image_data_uri(photo, evidence.PHOTO_SIZE)
            if uri is not None:
                groups.setdefault(photo.record_id, []).append((photo, uri))
        ordered = [
            (event_facts(event), groups[event_id])
            for event_id, event in events.items()
            if event_id in groups
        ]
        return render_pdf(
            "pdf/photo_sheet.html",
            lang=language,
            title=_("Photo sheet: %(grant)s", grant=grant.reference),
            author=office_name(),
            description=_("Photos of the events %(grant)s paid for", grant=str(grant)),
            grant=grant,
            selection=selection,
            groups=ordered,
            left_out=len(photos) - len(shown),
        )
