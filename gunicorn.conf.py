"""gunicorn's settings for `make serve` and the load run (`gunicorn -c gunicorn.conf.py`).

Threaded workers wait for a request's bytes outside their threads, so clients that connect
and send nothing, or send slowly, hold no worker; the command line may override any value.
"""

import os

worker_class = "gthread"
workers = int(os.environ.get("WORKERS", "4"))
threads = int(os.environ.get("THREADS", "8"))
# A request that runs longer than this is stuck: its worker is replaced.
timeout = 60
# On a restart, requests under way get this long to finish.
graceful_timeout = 30
# An idle kept-alive connection is closed after this many seconds; a reverse proxy in front
# should keep its own upstream keep-alive shorter.
keepalive = 5
# Build the application once, before the workers start, so that a setting that cannot work
# stops the start with one line instead of every worker failing in turn.
preload_app = True
# No runtime control socket: nothing here uses one, and two servers on one machine (a load
# run beside `make serve`) would both claim the same path in the home folder.
control_socket_disable = True


def post_fork(server, worker):
    """Give each worker connections of its own, never one opened before the fork."""
    from partnership.extensions import db

    with server.app.wsgi().app_context():
        db.engine.dispose(close=False)
