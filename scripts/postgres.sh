#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL server on loopback for tests and
# benchmarks. Installs the Debian package when it is missing (needs root).
#   scripts/postgres.sh start   -> prints the DATABASE_URL to use
#   scripts/postgres.sh stop
# With PG_KEEP_DATA=1 (the reference stack, deploy/stack.py) the data
# outlives the server: stop keeps it and start serves it again.
set -euo pipefail

PGPORT="${PGPORT:-15329}"
PGROOT="${PGROOT:-/tmp/backbone-postgres-$PGPORT}"
PG_KEEP_DATA="${PG_KEEP_DATA:-}"
PGDATA="$PGROOT/data"
DB_URL="postgres://backbone:backbone@127.0.0.1:$PGPORT/backbone"

as_postgres() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

install_server() {
    if [ -z "$(find_bin)" ]; then
        if [ "$(id -u)" != "0" ]; then
            echo "PostgreSQL is not installed. Install it with: sudo apt-get install postgresql" >&2
            exit 1
        fi
        echo "Installing PostgreSQL (Debian package postgresql)..." >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
}

serve() {
    # fsync and full-page writes only guard against the machine crashing, so
    # a throw-away server runs without them, for speed; kept data keeps them.
    # synchronous_commit stays on: the outage test kills PostgreSQL (pg_ctl
    # stop -m immediate), and an asynchronous commit could then lose an order
    # the shopper was already told was placed.
    local durability="-c fsync=off -c full_page_writes=off"
    if [ -n "$PG_KEEP_DATA" ]; then durability=""; fi
    as_postgres "$1/pg_ctl" -D "$PGDATA" -l "$PGROOT/server.log" -w -o \
        "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
        start >/dev/null
}

start() {
    install_server
    local bin
    bin="$(find_bin)"
    if [ -f "$PGDATA/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        echo "$DB_URL"
        return
    fi
    if [ -n "$PG_KEEP_DATA" ] && [ -f "$PGDATA/PG_VERSION" ]; then
        serve "$bin"
        echo "$DB_URL"
        return
    fi
    rm -rf "$PGROOT"
    mkdir -p "$PGROOT"
    if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$PGROOT"; fi
    as_postgres "$bin/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
    serve "$bin"
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc \
        "CREATE ROLE backbone LOGIN SUPERUSER PASSWORD 'backbone';" >/dev/null
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc \
        "CREATE DATABASE backbone OWNER backbone;" >/dev/null
    echo "$DB_URL"
}

stop() {
    local bin
    bin="$(find_bin)"
    if [ -n "$bin" ] && [ -d "$PGDATA" ]; then
        as_postgres "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -z "$PG_KEEP_DATA" ]; then
        rm -rf "$PGROOT"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
