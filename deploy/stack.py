#!/usr/bin/env python
"""The reference production stack on loopback (`make stack`), each part a
Debian or PyPI package started here:

    nginx  ->  Varnish  ->  gunicorn x2  ->  PostgreSQL, Redis, Stripe
                                task worker (manage.py db_worker) -> mail

`deploy/stack.py --help` lists the options. Every part runs with
site_project.settings.production; every start migrates and collects static
files, the first also loads the demo content. The state (database, media,
mail, logs, secret key) lives in STACK_DIR, the ports come from the STACK_*
variables read in Stack.__init__. Without EMAIL_HOST, mail goes to a
loopback SMTP server (aiosmtpd) that files it in STACK_DIR/mail. Without
STRIPE_SECRET_KEY, card payments go to localstripe (scripts/localstripe.sh),
a fake Stripe on loopback that sends its webhooks back through nginx.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

# Bank details for loopback servers, which run production settings: these
# refuse the placeholder details while bank transfer is offered.
LOOPBACK_BANK_ACCOUNT = {
    "SHOP_BANK_ACCOUNT_NAME": "Backbone Recovery Ltd (loopback)",
    "SHOP_BANK_SORT_CODE": "12-34-56",
    "SHOP_BANK_ACCOUNT_NUMBER": "12345678",
}

BASE_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60
STOP_TIMEOUT = 30
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StackError(RuntimeError):
    """A part did not start; the message says which and where its log is."""


def interrupt(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def say(message):
    print(message, file=sys.stderr, flush=True)


def numbers(name, default):
    """The comma-separated numbers in variable ``name``, as many as in
    ``default``; the defaults leave `make run` and the test servers alone."""
    value = os.environ.get(name) or default
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != len(default.split(",")) or not all(map(str.isdigit, parts)):
        raise StackError(f"{name} must be like {default}, not {value!r}.")
    return [int(part) for part in parts]


def failure(what, log):
    """A StackError saying what failed, with the end of its log."""
    lines = log.read_text(errors="replace").splitlines()[-20:]
    return StackError("\n".join([f"{what}; see {log}:", *lines]))


def answers(url):
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def listening(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def executable(command):
    """The command's path (nginx and varnishd live in /usr/sbin), or None."""
    return shutil.which(command) or shutil.which(f"/usr/sbin/{command}")


def install(command, package):
    """Install a missing Debian package when we are root, else say how."""
    if not executable(command) and os.geteuid() != 0:
        raise StackError(f"{command} is missing: sudo apt-get install {package}")
    if not executable(command):
        say(f"Installing {package} (Debian package)...")
        apt = ["apt-get", "-qq", "-o", "DPkg::Lock::Timeout=300"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        # A failed refresh of the lists may still leave lists to install from.
        subprocess.run([*apt, "update"], env=env, check=False)
        subprocess.run([*apt, "install", "-y", package], env=env, check=False)
    if not executable(command):
        raise StackError(f"apt-get did not install {command} ({package}).")


def fill_in(name, run_dir, **values):
    """A copy in ``run_dir`` of the file ``name`` of deploy/ with its ${NAME}s
    filled in (nginx's own $variables stay)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    text = string.Template((BASE_DIR / "deploy" / name).read_text())
    target = run_dir / Path(name).name
    target.write_text(text.safe_substitute(values))
    return str(target)


def varnish_command(run_dir, port, backend_ports):
    """varnishd in the foreground on ``port`` with deploy/varnish/default.vcl,
    its two backends on ``backend_ports``; its files go to ``run_dir``."""
    first, second = backend_ports
    values = {"GUNICORN_PORT_1": first, "GUNICORN_PORT_2": second}
    vcl = fill_in("varnish/default.vcl", run_dir, **values)
    command = [executable("varnishd"), "-F", "-n", run_dir / "work", "-f", vcl]
    # No admin port (PURGE does the stack's work); only responses that say
    # they may be shared are kept.
    command += ["-T", "none", "-p", "default_ttl=0", "-s", "malloc,256m"]
    command += ["-a", f"127.0.0.1:{port}"]
    return command + ([] if os.geteuid() == 0 else ["-j", "none"])


class Stack:
    """``start()`` starts the parts in order; ``stop()`` stops whatever it got
    to, in reverse."""

    def __init__(self, *, fresh=False, demo=True):
        self.fresh = fresh
        self.demo = demo
        [self.nginx_port] = numbers("STACK_NGINX_PORT", "8480")
        # Not Varnish's usual 6081, which Debian's varnish service takes.
        [self.varnish_port] = numbers("STACK_VARNISH_PORT", "8481")
        self.gunicorn_ports = numbers("STACK_GUNICORN_PORTS", "8491,8492")
        [self.postgres_port] = numbers("STACK_POSTGRES_PORT", "15420")
        [self.redis_port] = numbers("STACK_REDIS_PORT", "63720")
        [self.smtp_port] = numbers("STACK_SMTP_PORT", "8425")
        [self.stripe_port] = numbers("STACK_STRIPE_PORT", "8426")
        # Workers in each gunicorn.
        [self.workers] = numbers("STACK_WORKERS", "2")
        default_dir = f"/tmp/backbone-stack-{self.nginx_port}"
        self.directory = Path(os.environ.get("STACK_DIR") or default_dir)
        self.logs = self.directory / "logs"
        self.url = f"http://127.0.0.1:{self.nginx_port}"
        self.varnish_url = f"http://127.0.0.1:{self.varnish_port}"
        self.gunicorn_urls = [f"http://127.0.0.1:{p}" for p in self.gunicorn_ports]
        self.own_mail = not os.environ.get("EMAIL_HOST")
        self.own_stripe = not os.environ.get("STRIPE_SECRET_KEY")
        self.database_url = self.redis_url = self.stripe_url = None
        self.services = []
        self.parts = {}

    def start(self):
        install("nginx", "nginx")
        install("varnishd", "varnish")
        if self.fresh:
            # A server left running on the old data stops before it goes.
            for name in ("postgres", "redis"):
                self.service(name, "stop", keep=False)
            shutil.rmtree(self.directory, ignore_errors=True)
        self.logs.mkdir(parents=True, exist_ok=True)
        ports = [self.nginx_port, self.varnish_port, *self.gunicorn_ports]
        ports += [self.smtp_port] if self.own_mail else []
        if busy := [port for port in ports if listening(port)]:
            raise StackError(
                f"Ports {busy} are in use on 127.0.0.1: is a stack already "
                "running? Stop it, or choose other STACK_* ports."
            )
        say(f"Starting the stack in {self.directory} (logs in {self.logs})")
        self.database_url = self.service("postgres", "start")
        self.redis_url = self.service("redis", "start")
        if self.own_stripe:
            self.stripe_url = self.service("localstripe", "start")
        env = self.django_environment()
        if self.own_stripe:
            self.send_stripe_webhooks(env["STRIPE_WEBHOOK_SECRET"])
        if self.own_mail:
            smtp = ["-m", "aiosmtpd", "--nosetuid", "-l", f"127.0.0.1:{self.smtp_port}"]
            mailbox = ["-c", "aiosmtpd.handlers.Mailbox", self.directory / "mail"]
            self.run("mail", [sys.executable, *smtp, *mailbox], env)
            self.wait("mail", lambda: listening(self.smtp_port))
        self.prepare_database(env)
        # A short interval, so that a purge reaches Varnish moments after the
        # change.
        worker = ["db_worker", "--interval", "0.2", "--no-startup-delay"]
        self.run("worker", [sys.executable, "manage.py", *worker], env)
        env["WEB_CONCURRENCY"] = str(self.workers)
        env["GUNICORN_INSTANCES"] = str(len(self.gunicorn_ports))
        for number, port in enumerate(self.gunicorn_ports, start=1):
            gunicorn = ["-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
            bind = ["-b", f"127.0.0.1:{port}", "-n", f"backbone-{number}"]
            ctl = ["--control-socket", self.directory / f"gunicorn{number}.ctl"]
            command = [sys.executable, *gunicorn, *bind, *ctl]
            self.run(f"gunicorn{number}", command, env)
        for number, url in enumerate(self.gunicorn_urls, start=1):
            self.wait(f"gunicorn{number}", lambda url=url: answers(url))
        self.start_varnish()
        self.start_nginx()
        say(f"Ready: {self.url}/")

    def start_varnish(self):
        command = varnish_command(
            self.directory / "varnish", self.varnish_port, self.gunicorn_ports
        )
        self.run("varnish", command, os.environ)
        self.wait("varnish", lambda: answers(self.varnish_url))

    def start_nginx(self):
        run_dir = self.directory / "nginx"
        conf = fill_in(
            "nginx/nginx.conf",
            run_dir,
            # As root, nginx's workers drop to Debian's web server user.
            USER_LINE="user www-data;" if os.geteuid() == 0 else "",
            RUN_DIR=run_dir,
            NGINX_PORT=self.nginx_port,
            VARNISH_PORT=self.varnish_port,
            SERVER_NAME="127.0.0.1 localhost",
            # STATIC_ROOT of settings/base.py, which collectstatic fills.
            STATIC_ROOT=BASE_DIR / "staticfiles",
            MEDIA_ROOT=self.directory / "media",
        )
        command = [executable("nginx"), "-p", run_dir, "-c", conf]
        self.run("nginx", [*command, "-e", run_dir / "error.log"], os.environ)
        self.wait("nginx", lambda: answers(self.url))

    def send_stripe_webhooks(self, secret):
        """localstripe sends its events to the site's webhook, through nginx."""
        webhook = {"url": f"{self.url}/shop/checkout/stripe/webhook/", "secret": secret}
        request = urllib.request.Request(
            f"{self.stripe_url}/_config/webhooks/backbone",
            data=json.dumps(webhook).encode(),
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=10).close()

    def service(self, name, action, keep=True):
        """scripts/postgres.sh, redis.sh or localstripe.sh (which print the
        URL)."""
        env = {
            **os.environ,
            "PYTHON": sys.executable,
            "LOCALSTRIPE_PORT": str(self.stripe_port),
            "LOCALSTRIPE_ROOT": str(self.directory / "localstripe"),
            "PGPORT": str(self.postgres_port),
            "PGROOT": str(self.directory / "postgres"),
            "PG_KEEP_DATA": "1" if keep else "",
            "REDIS_PORT": str(self.redis_port),
            "REDIS_ROOT": str(self.directory / "redis"),
        }
        script = [BASE_DIR / "scripts" / f"{name}.sh", action]
        done = subprocess.run(script, env=env, capture_output=True, text=True)
        if action == "start" and done.returncode:
            raise StackError(f"{name}.sh start failed:\n{done.stderr}")
        if action == "start":
            self.services.append(name)
        return done.stdout.strip()

    def django_environment(self):
        """What every Django process of the stack runs with; also written to
        STACK_DIR/django.env for `manage.py` commands against the stack."""
        # Kept in STACK_DIR, so that sessions outlive a restart.
        secret_key = self.directory / "secret_key"
        if not secret_key.exists():
            secret_key.write_text(secrets.token_urlsafe(50))
            secret_key.chmod(0o600)
        django_env = {
            "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
            "SECRET_KEY": secret_key.read_text().strip(),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.url,
            "MEDIA_ROOT": str(self.directory / "media"),
            "FRONTEND_CACHE_URL": self.varnish_url,
            # nginx and Varnish each add an X-Forwarded-For entry.
            "TRUSTED_PROXY_COUNT": "2",
            # Plain http on loopback; TLS belongs in nginx (deploy/nginx/).
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
            **LOOPBACK_BANK_ACCOUNT,
        }
        if self.own_stripe:
            # Kept in STACK_DIR like the secret key, for `manage.py` commands.
            webhook_secret = self.directory / "stripe_webhook_secret"
            if not webhook_secret.exists():
                webhook_secret.write_text(f"whsec_{secrets.token_hex(16)}")
                webhook_secret.chmod(0o600)
            django_env["LOCALSTRIPE_URL"] = self.stripe_url
            django_env["STRIPE_SECRET_KEY"] = "sk_test_loopback"  # noqa: S105  # nosec B105
            django_env["STRIPE_PUBLISHABLE_KEY"] = "pk_test_loopback"
            django_env["STRIPE_WEBHOOK_SECRET"] = webhook_secret.read_text().strip()
        if self.own_mail:
            django_env["EMAIL_HOST"] = "127.0.0.1"
            django_env["EMAIL_PORT"] = str(self.smtp_port)
            django_env["EMAIL_USE_TLS"] = "False"
        env_file = self.directory / "django.env"
        env_file.write_text("".join(f"{k}={v}\n" for k, v in django_env.items()))
        env_file.chmod(0o600)
        return {**os.environ, **django_env}

    def prepare_database(self, env):
        """Migrate and collect static files on every start, load the demo
        content once. Varnish starts empty, so these changes purge nothing."""
        env = {key: value for key, value in env.items() if key != "FRONTEND_CACHE_URL"}
        say("  migrating, collecting static files")
        commands = [["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]]
        loaded = self.directory / "demo-loaded"
        if self.demo and not loaded.exists():
            say("  loading the demo content (first start)")
            # The reference index of the pages just published (which articles
            # show which product) is built by queued tasks.
            commands += [["load_demo"], ["db_worker", "--batch", "--no-startup-delay"]]
        for arguments in commands:
            self.run("setup", [sys.executable, "manage.py", *arguments], env)
            if self.parts["setup"].wait():
                what = f"manage.py {' '.join(arguments)} failed"
                raise failure(what, self.logs / "setup.log")
            del self.parts["setup"]
        loaded.touch()

    def run(self, name, command, env):
        """Start a part in its own session, so that a Ctrl-C in the terminal
        reaches this script only, which then stops the parts in order."""
        with open(self.logs / f"{name}.log", "ab") as log:
            self.parts[name] = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait(self, name, ready):
        """Until ``ready()``; a StackError if the part exits or takes too long."""
        deadline = time.monotonic() + START_TIMEOUT
        log = self.logs / f"{name}.log"
        while not ready():
            if (status := self.parts[name].poll()) is not None:
                raise failure(f"{name} exited with status {status}", log)
            if time.monotonic() > deadline:
                raise failure(f"{name} did not answer within {START_TIMEOUT} s", log)
            time.sleep(0.1)

    def stop(self):
        while self.parts:
            name, process = self.parts.popitem()
            # QUIT lets each nginx worker finish the requests it is serving.
            process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT)
            # Whatever the part left behind in its session (a worker whose
            # master died first) goes with it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        while self.services:
            self.service(self.services.pop(), "stop")

    def addresses(self):
        """Where a command run with `deploy/stack.py -- CMD` finds the stack."""
        return {
            "STACK_URL": self.url,
            "STACK_VARNISH_URL": self.varnish_url,
            "STACK_GUNICORN_URLS": ",".join(self.gunicorn_urls),
            "STACK_DIR": str(self.directory),
            "STACK_ENV_FILE": str(self.directory / "django.env"),
            "STACK_MAIL_DIR": str(self.directory / "mail"),
            "STACK_LOGS": str(self.logs),
        }

    def pids(self):
        """Each part's process id, PostgreSQL's and Redis's servers too."""
        pids = {name: process.pid for name, process in self.parts.items()}
        pid_files = {"postgres": "postgres/data/postmaster.pid"}
        for name in self.services:
            pid_file = pid_files.get(name, f"{name}/{name}.pid")
            pids[name] = int((self.directory / pid_file).read_text().split()[0])
        return pids

    def ready_message(self):
        gunicorns = ", ".join(self.gunicorn_urls)
        mail = f"mail in {self.directory / 'mail'} (a Maildir), " * self.own_mail
        stripe = f"localstripe {self.stripe_url}, " * self.own_stripe
        return f"""
Backbone is at {self.url}/  (admin: /cms/, dashboard: /shop/dashboard/)
  nginx {self.url} -> Varnish {self.varnish_url} -> gunicorn {gunicorns}
  PostgreSQL {self.database_url}, Redis {self.redis_url}, task worker
  {stripe}{mail}logs in {self.logs}
  manage.py against it, e.g. an admin account:
    env $(cat {self.directory}/django.env) {sys.executable} manage.py createsuperuser
Ctrl-C stops every part."""


def main():
    parser = argparse.ArgumentParser(
        description="Start the reference production stack on loopback.",
        epilog="A command after -- runs with the stack's addresses (STACK_URL "
        "...) in its environment; then the stack stops with the command's status.",
    )
    once_ready = "print the addresses as one JSON line once every part answers"
    parser.add_argument("--json", action="store_true", help=once_ready)
    empty = "start from an empty database and media folder"
    parser.add_argument("--fresh", action="store_true", help=empty)
    no_demo = "leave the demo content out of a first start"
    parser.add_argument("--no-demo", dest="demo", action="store_false", help=no_demo)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for signum in SIGNALS:
        signal.signal(signum, interrupt)
    stack = None
    try:
        stack = Stack(fresh=args.fresh, demo=args.demo)
        stack.start()
        if args.command:
            # Tests that need a Redis of their own (pytest -m redis) get a
            # database of the stack's server that the site does not use.
            redis_url = f"redis://127.0.0.1:{stack.redis_port}/1"
            env = {**os.environ, **stack.addresses(), "REDIS_URL": redis_url}
            return subprocess.run(args.command, env=env, check=False).returncode
        description = {**stack.addresses(), "pids": stack.pids()}
        print(json.dumps(description) if args.json else stack.ready_message())
        sys.stdout.flush()
        while not (dead := [n for n, p in stack.parts.items() if p.poll() is not None]):
            time.sleep(0.5)
        log = stack.logs / f"{dead[0]}.log"
        say(
            f"stack: {failure(f'{dead[0]} exited on its own', log)}; stopping the rest."
        )
        return 1
    except KeyboardInterrupt as signame:
        say(f"stack: {signame}: stopping every part.")
        # Stopping is how `make stack` ends; a command cut short has failed.
        return 1 if args.command else 0
    except StackError as error:
        say(f"stack: {error}")
        return 1
    finally:
        for signum in SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
        if stack:
            stack.stop()


if __name__ == "__main__":
    sys.exit(main())
