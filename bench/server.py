"""Gunicorn on loopback for the benchmarks and the load test: one launcher,
one base environment.

``gunicorn()`` starts the site on a free port of 127.0.0.1, waits until
``/healthz`` answers and yields ``(base_url, process)``; on exit it sends
SIGTERM, then kills the server if it has not stopped within 30 s. If gunicorn
exits (or never answers) while starting, it raises ``ServerError`` saying
where its output is.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60
STOP_TIMEOUT = 30


class ServerError(RuntimeError):
    """gunicorn did not start."""


def gunicorn_command():
    """The gunicorn of the virtualenv running this script (the project's
    .venv when that one is not a virtualenv)."""
    beside = Path(sys.executable).parent / "gunicorn"
    return beside if beside.exists() else BASE_DIR / ".venv" / "bin" / "gunicorn"


def server_environment(settings_module, database_url, media_root, **overrides):
    """What every loopback server needs: its settings, database, a fresh
    secret key, loopback hosts and a media folder; ``overrides`` add to or
    replace these (all values are strings)."""
    return {
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(media_root),
        **overrides,
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env, workers, *, threads=None, timeout=None, log_path=None):
    """Serve the site with ``env`` over this process's environment.

    threads, timeout: gunicorn's --threads and --timeout (None: its default).
    log_path: append gunicorn's output there; None: it shares this output.
    """
    port = free_port()
    server_env = {**os.environ, **env}
    command = [
        str(gunicorn_command()),
        "site_project.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    if threads is not None:
        command += ["--threads", str(threads)]
    if timeout is not None:
        command += ["--timeout", str(timeout)]
    log = open(log_path, "ab") if log_path else None  # noqa: SIM115
    output = f"see {log_path}" if log_path else "see its output above"
    process = subprocess.Popen(  # nosec B603 (fixed argv, no shell)
        command, cwd=BASE_DIR, env=server_env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise ServerError(
                    f"gunicorn exited with status {process.returncode} while "
                    f"starting; {output}."
                )
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # nosec B310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"gunicorn did not answer /healthz within {START_TIMEOUT} s; "
                        f"{output}."
                    ) from None
                time.sleep(0.1)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log is not None:
            log.close()
