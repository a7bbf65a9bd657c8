#!/usr/bin/env bash
# Start or stop localstripe, a fake but stateful Stripe server (PyPI package
# localstripe, in requirements-dev.txt), on loopback for the card-payment
# tests. It serves Stripe's API and its own stand-in for Stripe.js at
# <url>/js.stripe.com/v3/.
#   scripts/localstripe.sh start   -> prints the URL (the Stripe API base)
#   scripts/localstripe.sh stop
#   scripts/localstripe.sh running -> exit status 0 when it is running
# PYTHON names the interpreter that has localstripe (default .venv/bin/python).
set -euo pipefail

LOCALSTRIPE_PORT="${LOCALSTRIPE_PORT:-8420}"
LOCALSTRIPE_ROOT="${LOCALSTRIPE_ROOT:-/tmp/backbone-localstripe-$LOCALSTRIPE_PORT}"
LOCALSTRIPE_URL="http://127.0.0.1:$LOCALSTRIPE_PORT"
PYTHON="${PYTHON:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}"

is_running() {
    [ -f "$LOCALSTRIPE_ROOT/localstripe.pid" ] &&
        kill -0 "$(cat "$LOCALSTRIPE_ROOT/localstripe.pid")" 2>/dev/null
}

answers() {
    "$PYTHON" - "$LOCALSTRIPE_URL/js.stripe.com/v3/" <<'PY' 2>/dev/null
import sys
import urllib.request

urllib.request.urlopen(sys.argv[1], timeout=1).read()
PY
}

start() {
    if ! "$PYTHON" -c "import localstripe" 2>/dev/null; then
        echo "localstripe is not installed for $PYTHON. Install it with: make install" >&2
        exit 1
    fi
    if is_running; then
        echo "$LOCALSTRIPE_URL"
        return
    fi
    rm -rf "$LOCALSTRIPE_ROOT"
    mkdir -p "$LOCALSTRIPE_ROOT"
    # localstripe's own command listens on every interface: its application
    # is served here on loopback only.
    cd "$LOCALSTRIPE_ROOT"
    nohup "$PYTHON" -c "
from aiohttp import web
from localstripe.server import app
web.run_app(app, host='127.0.0.1', port=$LOCALSTRIPE_PORT, print=None)
" >localstripe.log 2>&1 &
    echo $! >localstripe.pid
    for _ in $(seq 1 100); do
        if answers; then
            echo "$LOCALSTRIPE_URL"
            return
        fi
        is_running || break
        sleep 0.1
    done
    echo "localstripe did not start on port $LOCALSTRIPE_PORT; see $LOCALSTRIPE_ROOT/localstripe.log" >&2
    exit 1
}

stop() {
    if is_running; then
        kill "$(cat "$LOCALSTRIPE_ROOT/localstripe.pid")"
        for _ in $(seq 1 50); do
            is_running || break
            sleep 0.1
        done
    fi
    rm -rf "$LOCALSTRIPE_ROOT"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    running) is_running ;;
    *) echo "usage: $0 start|stop|running" >&2; exit 2 ;;
esac
