"""Gunicorn on loopback for the benchmarks and the load test: one launcher,
one base environment.

``gunicorn()`` starts the site on a free port of 127.0.0.1, waits until
``/healthz`` answers and yields ``(base_url, process)``; on exit it sends
SIGTERM, then kills the server if it has not stopped within 30 s. If gunicorn
exits (or never answers) while starting, it raises ``ServerError`` saying
where its output is. The same launcher starts another project's application
(the peers of bench/peers.py) from that project's folder and virtualenv.
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

# Bank details for loopback servers, which run production settings: these
# refuse the placeholder details while bank transfer is offered.
LOOPBACK_BANK_ACCOUNT = {
    "SHOP_BANK_ACCOUNT_NAME": "Backbone Recovery Ltd (loopback)",
    "SHOP_BANK_SORT_CODE": "12-34-56",
    "SHOP_BANK_ACCOUNT_NUMBER": "12345678",
}


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
        **LOOPBACK_BANK_ACCOUNT,
        **overrides,
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(
    env,
    workers,
    *,
    threads=None,
    timeout=None,
    log_path=None,
    app="site_project.wsgi:application",
    cwd=BASE_DIR,
    executable=None,
    ready_path="/healthz",
    base_environment=None,
):
    """Serve the site (or ``app``) with ``env`` over ``base_environment``.

    threads, timeout: gunicorn's --threads and --timeout (None: its default).
    log_path: append gunicorn's output there; None: it shares this output.
    app, cwd, executable: the WSGI application, the folder gunicorn runs in
    and the gunicorn to run (None: gunicorn_command()); another project's
    to serve that project.
    ready_path: the path that answers once the server is up.
    base_environment: what ``env`` is laid over (None: this process's
    environment; another project gets a clean one, not this site's settings).
    """
    port = free_port()
    base = os.environ if base_environment is None else base_environment
    server_env = {**base, **env}
    command = [
        str(executable or gunicorn_command()),
        app,
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
        command, cwd=cwd, env=server_env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise ServerError(
                    f"gunicorn exited with status {process.returncode} while "
                    f"starting; {output}."
                )
            try:
                with urllib.request.urlopen(f"{url}{ready_path}", timeout=2):  # nosec B310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"gunicorn did not answer {ready_path} within "
                        f"{START_TIMEOUT} s; {output}."
                    ) from None
                time.sleep(0.1)
        yield url, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log is not None:
            log.close()
