"""Production settings for the load test on loopback.

Two differences: the manifest static storage needs collectstatic, and static
files are not what the load test measures; and there is no SMTP server on
loopback, so confirmation emails are rendered and kept in memory.
"""

from site_project.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
