"""Gunicorn on loopback with production settings, and a PostgreSQL outage."""

import os
import shlex
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench import server


def server_environment(database_url, media_root):
    """Production settings, minus what needs a real proxy and a real domain.

    bench.load.settings only swaps the manifest static storage for the plain
    one, so no collectstatic is needed: static files are not under test.
    """
    return server.server_environment(
        "bench.load.settings",
        database_url,
        media_root,
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="ERROR",
        CONN_MAX_AGE="60",
    )


@contextmanager
def gunicorn(env, workers=3, threads=1, log_path=None):
    """Serve the site (bench.server.gunicorn with the load test's thread
    count and 60 s worker timeout); yields the base URL."""
    with server.gunicorn(
        env, workers, threads=threads, timeout=60, log_path=log_path
    ) as (base, _):
        yield base


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
