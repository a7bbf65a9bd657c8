"""gunicorn's configuration, for the reference stack (deploy/stack.py) and for
production: ``gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8491``.
``WEB_CONCURRENCY`` is the number of workers, as gunicorn documents it;
``GUNICORN_INSTANCES`` says how many gunicorns serve the same site (the stack
runs two behind Varnish), so that the start-up check counts every process.
"""

import os

from django.core.exceptions import ImproperlyConfigured

wsgi_app = "site_project.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Varnish and nginx in front hold slow clients, so a worker that takes longer
# than gunicorn's default timeout on one request is restarted.
graceful_timeout = 20
# Only the proxies on this machine may say the request came over https.
forwarded_allow_ips = "127.0.0.1,::1"


def on_starting(server):
    """Refuse to serve from several processes when the cache lives inside each
    one: throttle counters and cached fragments would differ from one process
    to the next, so a visitor refused by one would be let through by another,
    and one could show a price another has already changed."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.production")
    from django.conf import settings

    # gunicorn prints a RuntimeError's message alone, without a traceback.
    try:
        backend = settings.CACHES["default"]["BACKEND"]
    except ImproperlyConfigured as error:
        raise RuntimeError(str(error)) from error
    processes = server.cfg.workers * int(os.environ.get("GUNICORN_INSTANCES", "1"))
    if processes > 1 and backend == "django.core.cache.backends.locmem.LocMemCache":
        raise RuntimeError(
            f"{processes} web processes would each keep their own cache "
            f"({backend}). Set REDIS_URL so that they share one "
            "(e.g. redis://127.0.0.1:6379/0), or serve with one worker "
            "(WEB_CONCURRENCY=1) and one gunicorn."
        )
