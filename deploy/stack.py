#!/usr/bin/env python
"""The reference production stack on loopback, each part a Debian or PyPI
package started here:

    nginx  ->  Varnish  ->  gunicorn x2  ->  PostgreSQL, Redis
                                task worker (manage.py db_worker) -> mail

    deploy/stack.py              start, print the address, run until Ctrl-C or
                                 SIGTERM, then stop every part (`make stack`)
    deploy/stack.py --json       the same, printing the addresses as one JSON
                                 line once every part answers
    deploy/stack.py -- CMD ARGS  start, run CMD with the addresses in its
                                 environment, stop, exit with CMD's status
                                 (`make test-stack`)
    deploy/stack.py --fresh ...  start from an empty database and media folder
    deploy/stack.py --no-demo    leave the demo content out of a first start

Every part runs with site_project.settings.production. On the first start
(and after --fresh) the database is migrated and the demo content loaded;
every start migrates and collects static files. The state (database, media,
mail, logs, secret key) lives in STACK_DIR. Ports and folders come from the
environment (see StackConfig.from_environment). Without EMAIL_HOST, mail
goes to a loopback SMTP server (aiosmtpd) that files it in STACK_DIR/mail.

Python code (a benchmark, say) starts it with
``with Stack(StackConfig.from_environment()) as stack:``.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY_DIR = BASE_DIR / "deploy"
START_TIMEOUT = 60
STOP_TIMEOUT = 30
# Short, so that a purge reaches Varnish moments after the change.
WORKER_INTERVAL = "0.2"
PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)\}")


class StackError(RuntimeError):
    """A part did not start; the message says which and where its log is."""


class Interrupted(Exception):
    """SIGINT, SIGTERM or SIGHUP arrived: stop every part."""


@dataclass(frozen=True)
class StackConfig:
    directory: Path
    nginx_port: int = 8480
    # Not Varnish's usual 6081, which Debian's varnish service takes.
    varnish_port: int = 8481
    gunicorn_ports: tuple = (8491, 8492)
    postgres_port: int = 54420
    redis_port: int = 63720
    smtp_port: int = 8425
    workers: int = 2

    @classmethod
    def from_environment(cls, environ=os.environ):
        """STACK_NGINX_PORT, STACK_VARNISH_PORT, STACK_GUNICORN_PORTS (two,
        comma-separated), STACK_POSTGRES_PORT, STACK_REDIS_PORT,
        STACK_SMTP_PORT, STACK_WORKERS (gunicorn workers per process) and
        STACK_DIR; each has a default that leaves `make run` (8000) and the
        test servers alone."""
        defaults = cls(directory=Path())

        def number(name, default):
            value = environ.get(name, "")
            if not value:
                return default
            if not value.isdigit():
                raise StackError(f"{name} must be a number, not {value!r}.")
            return int(value)

        ports = environ.get("STACK_GUNICORN_PORTS", "")
        gunicorn_ports = defaults.gunicorn_ports
        if ports:
            parts = [part.strip() for part in ports.split(",")]
            if len(parts) != 2 or not all(part.isdigit() for part in parts):
                raise StackError(
                    f"STACK_GUNICORN_PORTS must be two ports, e.g. 8491,8492, "
                    f"not {ports!r}."
                )
            gunicorn_ports = tuple(int(part) for part in parts)
        nginx_port = number("STACK_NGINX_PORT", defaults.nginx_port)
        directory = environ.get("STACK_DIR") or f"/tmp/backbone-stack-{nginx_port}"
        return cls(
            directory=Path(directory),
            nginx_port=nginx_port,
            varnish_port=number("STACK_VARNISH_PORT", defaults.varnish_port),
            gunicorn_ports=gunicorn_ports,
            postgres_port=number("STACK_POSTGRES_PORT", defaults.postgres_port),
            redis_port=number("STACK_REDIS_PORT", defaults.redis_port),
            smtp_port=number("STACK_SMTP_PORT", defaults.smtp_port),
            workers=number("STACK_WORKERS", defaults.workers),
        )

    @property
    def url(self):
        return f"http://127.0.0.1:{self.nginx_port}"

    @property
    def varnish_url(self):
        return f"http://127.0.0.1:{self.varnish_port}"

    @property
    def gunicorn_urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.gunicorn_ports]

    @property
    def redis_url(self):
        return f"redis://127.0.0.1:{self.redis_port}/0"

    @property
    def mail_dir(self):
        return self.directory / "mail"

    @property
    def env_file(self):
        return self.directory / "django.env"

    @property
    def log_dir(self):
        return self.directory / "logs"


class Part:
    """One long-running process of the stack, in its own session so that a
    Ctrl-C in the terminal reaches this script only, which then stops the
    parts in order."""

    def __init__(self, name, command, env, log_dir, stop_signal=signal.SIGTERM):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self.stop_signal = stop_signal
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self):
        return self.process.pid

    def exited(self):
        return self.process.poll() is not None

    def stop(self):
        if not self.exited():
            self.process.send_signal(self.stop_signal)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        # Whatever the part left behind in its session (a worker whose master
        # died first) goes with it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def failure(self, doing):
        return StackError(
            f"{self.name} {doing}; see {self.log_path}:\n{tail(self.log_path)}"
        )


def tail(path, lines=20):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def fill_in(template_path, values, target_path):
    """Copy a configuration file of deploy/ with its ${NAME}s filled in."""
    text = PLACEHOLDER.sub(
        lambda match: str(values[match.group(1)]), template_path.read_text()
    )
    target_path.write_text(text)
    return target_path


def answers(url, timeout=2):
    """True when ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def port_is_free(port):
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def ensure_debian_package(command, package):
    """Install a missing Debian package when we are root, else say how."""
    if executable(command):
        return
    if os.geteuid() != 0:
        raise StackError(
            f"{command} is not installed. Install it with: "
            f"sudo apt-get install {package}"
        )
    print(f"Installing {package} (Debian package)...", file=sys.stderr, flush=True)
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    wait_for_lock = ["-o", "DPkg::Lock::Timeout=300"]
    # A failed refresh of the package lists may still leave lists to install from.
    subprocess.run(
        ["apt-get", *wait_for_lock, "update", "-qq"], env=apt_env, check=False
    )
    installed = subprocess.run(
        ["apt-get", *wait_for_lock, "install", "-y", "-qq", package],
        env=apt_env,
        check=False,
    )
    if installed.returncode != 0 or not executable(command):
        raise StackError(f"apt-get did not install {command} ({package}).")


def executable(command):
    """The command's path (nginx and varnishd live in /usr/sbin), or None."""
    return shutil.which(command) or shutil.which(f"/usr/sbin/{command}")


def venv_command(name):
    """A console script of the virtualenv running this script."""
    beside = Path(sys.executable).parent / name
    return str(beside if beside.exists() else BASE_DIR / ".venv" / "bin" / name)


def varnish_command(run_dir, port, backend_ports):
    """varnishd in the foreground on ``port`` with deploy/varnish/default.vcl,
    its two backends on ``backend_ports``; its files go to ``run_dir``."""
    run_dir.mkdir(parents=True, exist_ok=True)
    first, second = backend_ports
    vcl = fill_in(
        DEPLOY_DIR / "varnish" / "default.vcl",
        {"GUNICORN_PORT_1": first, "GUNICORN_PORT_2": second},
        run_dir / "default.vcl",
    )
    command = [executable("varnishd"), "-F", "-n", str(run_dir / "work")]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,256m"]
    # No admin port (PURGE does the stack's work); only responses that say
    # they may be shared are kept.
    command += ["-T", "none", "-p", "default_ttl=0"]
    if os.geteuid() != 0:
        command += ["-j", "none"]
    return command


class Stack:
    """Start with ``start()`` (or ``with Stack(config) as stack:``), stop with
    ``stop()``; ``stop()`` stops whatever ``start()`` got to, in reverse."""

    def __init__(self, config, *, fresh=False, demo=True, say=None):
        self.config = config
        self.fresh = fresh
        self.demo = demo
        self.say = say or (lambda message: print(message, file=sys.stderr, flush=True))
        self.parts = []
        self.services = []
        self.database_url = None

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    # ------------------------------------------------------------ start

    def start(self):
        config = self.config
        ensure_debian_package("nginx", "nginx")
        ensure_debian_package("varnishd", "varnish")
        if self.fresh:
            self.remove_state()
        config.log_dir.mkdir(parents=True, exist_ok=True)
        # A Maildir: aiosmtpd files each message in new/.
        for folder in ("tmp", "new", "cur"):
            (config.mail_dir / folder).mkdir(parents=True, exist_ok=True)
        self.refuse_busy_ports()
        self.say(f"Starting the stack in {config.directory} (logs in {config.log_dir})")
        self.database_url = self.service("postgres", "start")
        self.service("redis", "start")
        env = self.django_environment()
        if not os.environ.get("EMAIL_HOST"):
            mailbox = ["--class", "aiosmtpd.handlers.Mailbox", str(config.mail_dir)]
            listen = ["--nosetuid", "--listen", f"127.0.0.1:{config.smtp_port}"]
            self.run_part(
                "mail", [sys.executable, "-m", "aiosmtpd", *listen, *mailbox], env
            )
            self.wait_for_port("mail", config.smtp_port)
        self.prepare_database(env)
        worker = ["db_worker", "--interval", WORKER_INTERVAL, "--no-startup-delay"]
        self.run_part("worker", [sys.executable, "manage.py", *worker], env)
        gunicorn_env = {
            **env,
            "WEB_CONCURRENCY": str(config.workers),
            "GUNICORN_INSTANCES": str(len(config.gunicorn_ports)),
        }
        for number, port in enumerate(config.gunicorn_ports, start=1):
            command = [venv_command("gunicorn"), "--bind", f"127.0.0.1:{port}"]
            command += ["--config", str(DEPLOY_DIR / "gunicorn.conf.py")]
            command += ["--name", f"backbone-{number}", "--control-socket"]
            command += [str(config.directory / f"gunicorn{number}.ctl")]
            self.run_part(f"gunicorn{number}", command, gunicorn_env)
        for number, url in enumerate(config.gunicorn_urls, start=1):
            self.wait_until_answers(f"gunicorn{number}", f"{url}/healthz")
        self.start_varnish()
        self.start_nginx()
        self.say(f"Ready: {config.url}/")

    def remove_state(self):
        """--fresh: stop a server left running on the old data, then forget it."""
        for name in ("postgres", "redis"):
            subprocess.run(
                [str(BASE_DIR / "scripts" / f"{name}.sh"), "stop"],
                env=self.service_environment(keep=False),
                check=False,
                capture_output=True,
            )
        shutil.rmtree(self.config.directory, ignore_errors=True)

    def refuse_busy_ports(self):
        config = self.config
        ports = [
            ("STACK_NGINX_PORT", config.nginx_port),
            ("STACK_VARNISH_PORT", config.varnish_port),
            *(("STACK_GUNICORN_PORTS", port) for port in config.gunicorn_ports),
        ]
        if not os.environ.get("EMAIL_HOST"):
            ports.append(("STACK_SMTP_PORT", config.smtp_port))
        busy = [f"{port} ({name})" for name, port in ports if not port_is_free(port)]
        if busy:
            raise StackError(
                f"Port {', '.join(busy)} is in use on 127.0.0.1: is a stack "
                "already running? Stop it, or choose other ports."
            )

    def service_environment(self, keep=True):
        config = self.config
        env = {
            **os.environ,
            "PGPORT": str(config.postgres_port),
            "PGROOT": str(config.directory / "postgres"),
            "REDIS_PORT": str(config.redis_port),
            "REDIS_ROOT": str(config.directory / "redis"),
        }
        if keep:
            env["PG_KEEP_DATA"] = "1"
        return env

    def service(self, name, action):
        """scripts/postgres.sh or scripts/redis.sh; returns what it printed."""
        script = BASE_DIR / "scripts" / f"{name}.sh"
        result = subprocess.run(
            [str(script), action],
            env=self.service_environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise StackError(f"{script.name} {action} failed:\n{result.stderr.strip()}")
        if action == "start":
            self.services.append(name)
        return result.stdout.strip()

    def secret_key(self):
        """Kept in STACK_DIR, so sessions outlive a restart."""
        path = self.config.directory / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def django_environment(self):
        """What every Django process of the stack runs with; also written to
        STACK_DIR/django.env for `manage.py` commands against the stack."""
        config = self.config
        django_env = {
            "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
            "SECRET_KEY": self.secret_key(),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": config.redis_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": config.url,
            "MEDIA_ROOT": str(config.directory / "media"),
            "FRONTEND_CACHE_URL": config.varnish_url,
            # nginx and Varnish each add an X-Forwarded-For entry.
            "TRUSTED_PROXY_COUNT": "2",
            # Plain http on loopback; TLS belongs in nginx (deploy/nginx/).
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        }
        if not os.environ.get("EMAIL_HOST"):
            django_env.update(
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(config.smtp_port),
                EMAIL_USE_TLS="False",
            )
        config.env_file.write_text(
            "".join(f"{name}={value}\n" for name, value in django_env.items())
        )
        config.env_file.chmod(0o600)
        return {**os.environ, **django_env}

    def manage(self, env, *arguments):
        """A management command run to completion, its output in setup.log."""
        log_path = self.config.log_dir / "setup.log"
        with open(log_path, "ab") as log:
            result = subprocess.run(
                [sys.executable, "manage.py", *arguments],
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if result.returncode != 0:
            raise StackError(
                f"manage.py {' '.join(arguments)} failed; see {log_path}:\n"
                f"{tail(log_path)}"
            )

    def prepare_database(self, env):
        """Migrate and collect static files on every start; load the demo
        content once. Varnish starts empty, so these changes purge nothing."""
        setup_env = {
            key: value for key, value in env.items() if key != "FRONTEND_CACHE_URL"
        }
        self.say("  migrating, collecting static files")
        self.manage(setup_env, "migrate", "--noinput")
        self.manage(setup_env, "collectstatic", "--noinput", "--verbosity=0")
        loaded = self.config.directory / "demo-loaded"
        if self.demo and not loaded.exists():
            self.say("  loading the demo content (first start)")
            self.manage(setup_env, "load_demo")
            # The reference index of the pages just published (which articles
            # show which product) is built by queued tasks.
            self.manage(setup_env, "db_worker", "--batch", "--no-startup-delay")
            loaded.touch()

    def run_part(self, name, command, env, stop_signal=signal.SIGTERM):
        part = Part(name, command, env, self.config.log_dir, stop_signal)
        self.parts.append(part)
        return part

    def part(self, name):
        return next(part for part in self.parts if part.name == name)

    def wait_until(self, name, ready, doing):
        part = self.part(name)
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if part.exited():
                raise part.failure(f"exited with status {part.process.returncode}")
            if time.monotonic() > deadline:
                raise part.failure(f"did not {doing} within {START_TIMEOUT} s")
            time.sleep(0.1)

    def wait_until_answers(self, name, url):
        self.wait_until(name, lambda: answers(url), f"answer {url}")

    def wait_for_port(self, name, port):
        self.wait_until(name, lambda: not port_is_free(port), f"listen on {port}")

    def start_varnish(self):
        config = self.config
        command = varnish_command(
            config.directory / "varnish", config.varnish_port, config.gunicorn_ports
        )
        self.run_part("varnish", command, dict(os.environ))
        self.wait_until_answers("varnish", f"{config.varnish_url}/healthz")

    def start_nginx(self):
        config = self.config
        run_dir = config.directory / "nginx"
        run_dir.mkdir(exist_ok=True)
        conf = fill_in(
            DEPLOY_DIR / "nginx" / "nginx.conf",
            {
                # As root, nginx's workers drop to Debian's web server user.
                "USER_LINE": "user www-data;" if os.geteuid() == 0 else "",
                "RUN_DIR": run_dir,
                "NGINX_PORT": config.nginx_port,
                "VARNISH_PORT": config.varnish_port,
                "SERVER_NAME": "127.0.0.1 localhost",
                # STATIC_ROOT of settings/base.py, which collectstatic fills.
                "STATIC_ROOT": BASE_DIR / "staticfiles",
                "MEDIA_ROOT": config.directory / "media",
            },
            run_dir / "nginx.conf",
        )
        command = [executable("nginx"), "-p", str(run_dir), "-c", str(conf)]
        command += ["-e", str(run_dir / "error.log")]
        # QUIT lets each worker finish the requests it is serving.
        self.run_part("nginx", command, dict(os.environ), stop_signal=signal.SIGQUIT)
        self.wait_until_answers("nginx", f"{config.url}/healthz")

    # ------------------------------------------------------------ running

    def dead_part(self):
        """The first part that has exited on its own, if any."""
        return next((part for part in self.parts if part.exited()), None)

    def pids(self):
        """The process id of each part (PostgreSQL's and Redis's servers
        included), for tests that check nothing is left behind."""
        pids = {part.name: part.pid for part in self.parts}
        pid_files = {
            "postgres": self.config.directory / "postgres" / "data" / "postmaster.pid",
            "redis": self.config.directory / "redis" / "redis.pid",
        }
        for name, path in pid_files.items():
            if name in self.services and path.exists():
                pids[name] = int(path.read_text().split()[0])
        return pids

    def description(self):
        config = self.config
        return {
            "url": config.url,
            "varnish_url": config.varnish_url,
            "gunicorn_urls": config.gunicorn_urls,
            "database_url": self.database_url,
            "redis_url": config.redis_url,
            "dir": str(config.directory),
            "env_file": str(config.env_file),
            "mail_dir": str(config.mail_dir),
            "logs": str(config.log_dir),
            "pids": self.pids(),
        }

    def command_environment(self):
        """The environment of a command run with `deploy/stack.py -- CMD`."""
        config = self.config
        return {
            **os.environ,
            "STACK_URL": config.url,
            "STACK_VARNISH_URL": config.varnish_url,
            "STACK_GUNICORN_URLS": ",".join(config.gunicorn_urls),
            "STACK_DIR": str(config.directory),
            "STACK_ENV_FILE": str(config.env_file),
            "STACK_MAIL_DIR": str(config.mail_dir),
            # Tests that need a Redis of their own (pytest -m redis) get a
            # database of the stack's server that the site does not use.
            "REDIS_URL": f"redis://127.0.0.1:{config.redis_port}/1",
        }

    # ------------------------------------------------------------ stop

    def stop(self):
        while self.parts:
            self.parts.pop().stop()
        while self.services:
            name = self.services.pop()
            subprocess.run(
                [str(BASE_DIR / "scripts" / f"{name}.sh"), "stop"],
                env=self.service_environment(),
                check=False,
                capture_output=True,
            )


def interrupt(signum, frame):
    raise Interrupted(signal.Signals(signum).name)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Start the reference production stack on loopback.",
        epilog="Arguments after -- are a command to run against the stack.",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the addresses as one JSON line once every part answers",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start from an empty database and media folder",
    )
    parser.add_argument(
        "--no-demo",
        dest="demo",
        action="store_false",
        help="do not load the demo content on the first start",
    )
    argv = sys.argv[1:] if argv is None else argv
    command = []
    if "--" in argv:
        split = argv.index("--")
        argv, command = argv[:split], argv[split + 1 :]
    args = parser.parse_args(argv)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)
    try:
        stack = Stack(StackConfig.from_environment(), fresh=args.fresh, demo=args.demo)
    except StackError as error:
        print(f"stack: {error}", file=sys.stderr)
        return 1
    status = 0
    try:
        stack.start()
        if command:
            return subprocess.run(
                command, env=stack.command_environment(), check=False
            ).returncode
        if args.json:
            print(json.dumps(stack.description()), flush=True)
        else:
            print(ready_message(stack), flush=True)
        while (dead := stack.dead_part()) is None:
            time.sleep(0.5)
        print(
            f"stack: {dead.failure('exited on its own')}\nStopping the others.",
            file=sys.stderr,
        )
        status = 1
    except Interrupted as signame:
        print(f"stack: {signame}: stopping every part.", file=sys.stderr, flush=True)
        # Stopping is how `make stack` ends; a command cut short has failed.
        status = 1 if command else 0
    except StackError as error:
        print(f"stack: {error}", file=sys.stderr)
        status = 1
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        stack.stop()
    return status


def ready_message(stack):
    config = stack.config
    gunicorns = ", ".join(config.gunicorn_urls)
    lines = [
        "",
        f"Backbone is at {config.url}/  (admin: /cms/, dashboard: /shop/dashboard/)",
        f"  nginx {config.url} -> Varnish {config.varnish_url} -> gunicorn {gunicorns}",
        f"  PostgreSQL {stack.database_url}, Redis {config.redis_url}, "
        "task worker (manage.py db_worker)",
    ]
    if not os.environ.get("EMAIL_HOST"):
        lines.append(f"  mail is filed in {config.mail_dir} (a Maildir)")
    lines += [
        f"  logs in {config.log_dir}",
        "  manage.py against it, e.g. an admin account:",
        f"    env $(cat {config.env_file}) {sys.executable} manage.py createsuperuser",
        "Ctrl-C stops every part.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
