"""Production settings for the load test on loopback.

Only the static-files storage differs: the manifest storage needs
collectstatic, and static files are not what the load test measures.
"""

from site_project.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
