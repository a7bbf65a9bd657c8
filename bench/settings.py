"""Production settings for benchmarks on loopback.

Everything production does (DEBUG off, manifest static files), except
what plain http on 127.0.0.1 needs, and static files collected into this
run's own folder so parallel runs do not clash.
"""

import os

from site_project.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# wrk speaks plain http.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
OSCAR_BASKET_COOKIE_SECURE = False
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = False
