"""Gunicorn on loopback with production settings, and a PostgreSQL outage."""

import os
import secrets
import shlex
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"


def server_environment(database_url, media_root):
    """Production settings, minus what needs a real proxy and a real domain.

    bench.load.settings only swaps the manifest static storage for the plain
    one, so no collectstatic is needed: static files are not under test.
    """
    return {
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "ERROR",
        "CONN_MAX_AGE": "60",
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env, workers=3, threads=1, log_path=None):
    """Serve the site; yields the base URL. Stops the server on exit."""
    port = free_port()
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(  # nosec B603 (fixed argv, no shell)
        [
            str(GUNICORN),
            "site_project.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited while starting (see {log_path})")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # nosec B310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        "gunicorn did not answer /healthz in 60 s"
                    ) from None
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log_path:
            log.close()


class PostgresOutage:
    """Stop the PostgreSQL server of a scripts/postgres.sh cluster abruptly
    (``pg_ctl stop -m immediate``: in-flight transactions die, as in a crash)
    and start it again with the options it was started with."""

    def __init__(self, database_url):
        port = urlsplit(database_url).port
        # Where scripts/postgres.sh puts the cluster for this port.
        default_root = f"/tmp/backbone-postgres-{port}"  # nosec B108
        self.data = Path(os.environ.get("PGROOT", default_root)) / "data"
        if not (self.data / "postmaster.pid").exists():
            raise RuntimeError(
                f"No running scripts/postgres.sh cluster in {self.data}; "
                "the fault test needs one it may stop and start."
            )
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        argv = shlex.split((self.data / "postmaster.opts").read_text())
        options = argv[1:]
        if "-D" in options:
            at = options.index("-D")
            del options[at : at + 2]
        self.options = shlex.join(options)
        self.stopped_at = self.started_at = None

    def pg_ctl(self, *args):
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(  # nosec B603 (fixed argv, no shell)
            command, check=True, capture_output=True, timeout=120
        )

    def stop(self):
        # The outage starts when the stop command is issued: connections may
        # fail from then on, before pg_ctl returns.
        self.stopped_at = time.monotonic()
        self.pg_ctl("stop", "-m", "immediate", "-w")

    def start(self):
        log = self.data.parent / "server.log"
        self.pg_ctl("start", "-w", "-l", str(log), "-o", self.options)
        self.started_at = time.monotonic()

    def during_load(self, after, down_for):
        """A ``run_load(during=...)`` callable: wait, stop, wait, start."""

        def inject(deadline):
            time.sleep(after)
            self.stop()
            try:
                time.sleep(down_for)
            finally:
                self.start()

        return inject

    @property
    def window(self):
        return self.stopped_at, self.started_at
