"""The search page behind the box in the header."""

from flask import Blueprint, render_template, request

from partnership.search.queries import search_everything

bp = Blueprint("search", __name__, url_prefix="/search")


@bp.get("/")
def index():
    """Show every kind of record matching the query."""
    query = request.args.get("q", "").strip()
    groups = search_everything(query)
    return render_template("search/index.html", query=query, groups=groups)
