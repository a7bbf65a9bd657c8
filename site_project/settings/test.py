"""Test settings: fast and isolated."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["*"]
# MD5 makes creating users in tests fast; never used outside tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Sent mail is kept in django.core.mail.outbox for assertions (the test runner
# sets EMAIL_BACKEND to locmem; tests of the queue set the task backend).
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test run gets a fresh cache; Redis is only used when a test asks for it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Uploaded and generated files go to a throw-away folder, not the project.
MEDIA_ROOT = tempfile.mkdtemp(prefix="backbone-test-media-")
# Static files are served by the live server in browser tests.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test client's host: the Site is set from it when the test database is
# migrated, so emails and the sitemap name it.
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
OSCAR_URL_SCHEMA = "http"
# The test database URL may point at PostgreSQL (CI); default is SQLite.
DATABASES = {"default": database_from_env("sqlite:///:memory:")}  # noqa: F405
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default=None)}
# Static files come straight from the finders: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
