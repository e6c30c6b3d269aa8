"""Stream a download after the view has returned, without tangling request contexts."""

import contextvars
from collections.abc import Callable, Iterable, Iterator

from flask import current_app, request
from flask_babel import force_locale

from partnership.i18n import current_language


def streamed(build: Callable[[], Iterable]) -> Iterator:
    """Yield what `build()` yields, run in an app context and a context-variable set of its own.

    The download is read after the view has returned, by the server, one chunk at a time.
    Running each step in its own `contextvars.Context` keeps its app context (and database
    session) apart from whatever else the thread does meanwhile, so two downloads read in
    turn, or one left unread, never pop each other's context. The interface language is
    kept for the dates as shown.
    """
    app = current_app._get_current_object()
    language = current_language()
    # A request context of its own (same address and cookies) lets rows build links.
    environ = dict(request.environ)

    def produce():
        with app.request_context(environ), force_locale(language):
            yield from build()

    own = contextvars.Context()
    steps = produce()

    def generate():
        try:
            while True:
                try:
                    chunk = own.run(next, steps)
                except StopIteration:
                    return
                yield chunk
        finally:
            own.run(steps.close)

    return generate()
