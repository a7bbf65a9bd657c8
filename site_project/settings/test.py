"""Test settings: fast and isolated."""

import tempfile

from .base import *  # noqa: F403
from .base import LOCALSTRIPE_URL, database_from_env, env

SECRET_KEY = "test-only-key"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["*"]
# MD5 makes creating users in tests fast; never used outside tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Sent mail is kept in django.core.mail.outbox.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A fresh cache per run; Redis only where a test asks for it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Uploaded and generated files go to a throw-away folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="backbone-test-media-")
# The test client's host, which the Site is set from on migrate.
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
OSCAR_URL_SCHEMA = "http"
# SQLite in memory unless DATABASE_URL names a database (PostgreSQL in CI).
DATABASES = {"default": database_from_env("sqlite:///:memory:")}
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default=None)}
# Static files straight from the finders: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Stripe is localstripe on loopback (scripts/localstripe.sh), which also
# serves its stand-in for Stripe.js; tests that pay set the keys. Each
# pytest-xdist worker (gw0, gw1, ...) has a localstripe of its own.
XDIST_WORKER = int(env.str("PYTEST_XDIST_WORKER", default="gw0").removeprefix("gw"))
STRIPE_API_BASE = LOCALSTRIPE_URL or f"http://127.0.0.1:{8420 + 10 * XDIST_WORKER}"
STRIPE_JS_URL = f"{STRIPE_API_BASE}/js.stripe.com/v3/"
