"""The lookup behind every record field: a few records matching typed text, as JSON."""

from flask import Blueprint, abort, jsonify, request

from partnership.lookup.sources import LOOKUP_LIMIT, source_named

bp = Blueprint("lookup", __name__, url_prefix="/lookup")


@bp.get("/<source>")
def search(source: str):
    """Answer the records of `source` matching ?q=, at most a screenful, best first."""
    lookup = source_named(source)
    if lookup is None:
        abort(404)
    hits, more = lookup.hits(request.args.get("q", ""), LOOKUP_LIMIT)
    return jsonify(results=[lookup.describe(record) for record in hits], more=more)
