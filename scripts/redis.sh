#!/usr/bin/env bash
# Start or stop a throw-away Redis server on loopback for the scale-out test
# and benchmarks. Installs the Debian package when it is missing (needs root).
#   scripts/redis.sh start   -> prints the REDIS_URL to use
#   scripts/redis.sh stop
set -euo pipefail

REDIS_PORT="${REDIS_PORT:-63799}"
REDIS_ROOT="${REDIS_ROOT:-/tmp/backbone-redis-$REDIS_PORT}"
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

install_server() {
    if ! command -v redis-server >/dev/null 2>&1; then
        if [ "$(id -u)" != "0" ]; then
            echo "Redis is not installed. Install it with: sudo apt-get install redis-server" >&2
            exit 1
        fi
        echo "Installing Redis (Debian package redis-server)..." >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
    fi
}

is_running() {
    [ -f "$REDIS_ROOT/redis.pid" ] && kill -0 "$(cat "$REDIS_ROOT/redis.pid")" 2>/dev/null
}

start() {
    install_server
    if is_running; then
        echo "$REDIS_URL"
        return
    fi
    rm -rf "$REDIS_ROOT"
    mkdir -p "$REDIS_ROOT"
    # No persistence: a cache that starts empty is what the tests expect.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
        --daemonize yes --dir "$REDIS_ROOT" --pidfile "$REDIS_ROOT/redis.pid" \
        --logfile "$REDIS_ROOT/redis.log" --save "" --appendonly no \
        --maxmemory 256mb --maxmemory-policy allkeys-lru >/dev/null
    for _ in $(seq 1 50); do
        if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
            echo "$REDIS_URL"
            return
        fi
        sleep 0.1
    done
    echo "Redis did not start; see $REDIS_ROOT/redis.log" >&2
    exit 1
}

stop() {
    if is_running; then
        kill "$(cat "$REDIS_ROOT/redis.pid")"
        for _ in $(seq 1 50); do
            is_running || break
            sleep 0.1
        done
    fi
    rm -rf "$REDIS_ROOT"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
