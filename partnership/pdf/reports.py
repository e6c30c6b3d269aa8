"""The report pack's PDFs of a grant for a period, in one place for their callers.

Each takes the grant's id, the period as (start, end) with None for an open end (None for the
whole grant), and the language ("de" or "en"; None: the reader's), and returns PDF bytes.
"""

from partnership.pdf.activity import activity_report_pdf
from partnership.pdf.payments import payments_list_pdf
from partnership.pdf.photos import photo_sheet_pdf

__all__ = ["activity_report_pdf", "payments_list_pdf", "photo_sheet_pdf"]
