"""deploy/stack.py leaves nothing running once stopped, and gunicorn refuses
to serve several processes from a cache that lives inside each one."""

import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BASE_DIR

pytestmark = pytest.mark.stack

PARTS = ("nginx", "varnishd", "gunicorn", "db_worker", "aiosmtpd", "postgres", "redis")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_table():
    """{pid: (parent pid, start time, command line)} of every live process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        # The fields after the command name, which may hold ")" itself.
        state, parent, *rest = stat[stat.rindex(")") + 2 :].split()
        if state != "Z":
            table[int(entry.name)] = (
                int(parent),
                rest[17],
                command.replace(b"\0", b" ").decode(errors="replace"),
            )
    return table


def stack_processes(table, roots, directory):
    """The processes in ``roots`` or naming ``directory`` on their command
    line, and every descendant of those."""
    found = {pid for pid in roots if pid in table}
    found |= {pid for pid, (_, _, command) in table.items() if directory in command}
    while True:
        children = {pid for pid, (parent, _, _) in table.items() if parent in found}
        if children <= found:
            return {pid: table[pid] for pid in found}
        found |= children


def read_line(process, seconds):
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    if selector.select(timeout=seconds):
        return process.stdout.readline()
    return ""


def test_sigterm_stops_every_part_the_stack_started():
    ports = {
        "STACK_NGINX_PORT": free_port(),
        "STACK_VARNISH_PORT": free_port(),
        "STACK_GUNICORN_PORTS": f"{free_port()},{free_port()}",
        "STACK_POSTGRES_PORT": free_port(),
        "STACK_REDIS_PORT": free_port(),
        "STACK_SMTP_PORT": free_port(),
    }
    directory = Path(f"/tmp/backbone-stack-{ports['STACK_NGINX_PORT']}")
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "STACK_DIR": str(directory),
        "STACK_WORKERS": "1",
    }
    log = directory.with_suffix(".log")
    with open(log, "wb") as errors:
        stack = subprocess.Popen(
            [sys.executable, "deploy/stack.py", "--json", "--no-demo"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,
        )
    try:
        line = read_line(stack, 600)
        assert line, f"the stack did not start:\n{log.read_text()}"
        started = json.loads(line)
        running = stack_processes(
            process_table(), {stack.pid, *started["pids"].values()}, str(directory)
        )
        commands = " ".join(command for _, _, command in running.values())
        assert [part for part in PARTS if part not in commands] == []

        stack.send_signal(signal.SIGTERM)

        assert stack.wait(timeout=120) == 0, log.read_text()
        table = process_table()
        left = [
            command
            for pid, (_, started_at, command) in running.items()
            if pid in table and table[pid][1] == started_at
        ]
        left += [
            command
            for _, _, command in stack_processes(table, set(), str(directory)).values()
        ]
        assert left == []
        busy = []
        for name, port in ports.items():
            for number in str(port).split(","):
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", int(number))) == 0:
                        busy.append(f"{name} {number}")
        assert busy == []
    finally:
        if stack.poll() is None:
            stack.send_signal(signal.SIGTERM)
            stack.wait(timeout=120)
        shutil.rmtree(directory, ignore_errors=True)
        log.unlink(missing_ok=True)


def gunicorn_output(env, seconds=60):
    """Start gunicorn with the stack's configuration; its output once it
    exits, or None (after stopping it) if it was still serving."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{free_port()}",
            "--no-control-socket",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    return process.returncode, output


@pytest.mark.parametrize(
    "processes",
    [
        {"WEB_CONCURRENCY": "2"},
        {"WEB_CONCURRENCY": "1", "GUNICORN_INSTANCES": "2"},
    ],
    ids=["two workers", "two gunicorns"],
)
def test_several_web_processes_on_a_per_process_cache_refuse_to_start(stack, processes):
    env = {**os.environ, **stack.django_env, **processes}
    del env["REDIS_URL"]

    result = gunicorn_output(env)

    assert result is not None, "gunicorn started on a per-process cache"
    status, output = result
    assert status != 0
    assert "REDIS_URL" in output
