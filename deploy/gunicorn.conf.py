"""gunicorn's configuration, for the reference stack (deploy/stack.py) and for
production: ``gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8491``.

Settings gunicorn reads from the environment stay as gunicorn documents them
(``WEB_CONCURRENCY`` for the number of workers). ``GUNICORN_INSTANCES`` says
how many gunicorn processes serve the same site (the stack runs two behind
Varnish), so the start-up check below counts every web process.
"""

import os

from django.core.exceptions import ImproperlyConfigured

wsgi_app = "site_project.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Varnish and nginx in front hold slow clients; a worker that takes longer
# than this on one request is restarted.
timeout = 30
graceful_timeout = 20
# Only the proxies on this machine may say the request came over https.
forwarded_allow_ips = "127.0.0.1,::1"

PER_PROCESS_CACHE = "django.core.cache.backends.locmem.LocMemCache"


def web_processes(server):
    return server.cfg.workers * int(os.environ.get("GUNICORN_INSTANCES", "1"))


def on_starting(server):
    """Refuse to serve from several processes when the cache lives inside each
    one: throttle counters and cached fragments would differ from one process
    to the next, so a visitor refused by one would be let through by another,
    and one could show a price another has already changed."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.production")
    from django.conf import settings

    try:
        backend = settings.CACHES["default"]["BACKEND"]
    except ImproperlyConfigured as error:
        raise RuntimeError(str(error)) from error
    processes = web_processes(server)
    if processes > 1 and backend == PER_PROCESS_CACHE:
        raise RuntimeError(
            f"{processes} web processes would each keep their own cache "
            f"({backend}). Set REDIS_URL so that they share one "
            "(e.g. redis://127.0.0.1:6379/0), or serve with one worker "
            "(WEB_CONCURRENCY=1) and one gunicorn."
        )
