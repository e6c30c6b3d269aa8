#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: installed from Debian's packages when
# missing, started on 127.0.0.1 on a free port in a temporary folder, stopped and removed
# afterwards, also when the command fails. The command finds the server in TEST_DATABASE_URL.
#
#   scripts/with-postgres.sh .venv/bin/pytest -q
#   POSTGRES_DURABLE=1 scripts/with-postgres.sh python -m bench.load   # crash-safe writes
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's own binaries first: /usr/local/bin may hold links to them or to another build.
postgres_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return
    fi
  done
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
  fi
}

BIN="$(postgres_bin)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed: installing Debian's postgresql package" >&2
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  BIN="$(postgres_bin)"
fi
if [ -z "$BIN" ]; then
  echo "no initdb/pg_ctl found even after installing postgresql" >&2
  exit 1
fi

# PostgreSQL refuses to run as root; then the server runs as the unprivileged user nobody,
# and the folder (data, socket, log) belongs to it.
DIR="$(mktemp -d "${TMPDIR:-/tmp}/partnership-pg.XXXXXX")"
if [ "$(id -u)" = 0 ]; then
  chown nobody "$DIR"
  as_server() { (cd "$DIR" && runuser -u nobody -- "$@"); }
else
  as_server() { (cd "$DIR" && "$@"); }
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop_server() {
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_server "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A test server keeps nothing worth a crash-safe write: no fsync makes it several times faster.
# A run that claims no acknowledged write is lost (the load run) sets POSTGRES_DURABLE=1 and
# gets PostgreSQL's own defaults: fsync, synchronous commit and full page writes on.
if [ "${POSTGRES_DURABLE:-0}" = 1 ]; then
  INITDB_SYNC=""
  DURABILITY="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
else
  INITDB_SYNC="--no-sync"
  DURABILITY="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi

as_server "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  $INITDB_SYNC >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }

# No autovacuum: its workers connect to fresh databases, and a database someone is connected
# to cannot serve as a template to copy.
if ! as_server "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start -o \
  "-h 127.0.0.1 -p $PORT -k $DIR $DURABILITY -c autovacuum=off -c max_connections=200" \
  >/dev/null; then
  cat "$DIR/server.log" >&2
  exit 1
fi

echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($DURABILITY)" >&2
export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
status=0
"$@" || status=$?
exit "$status"
