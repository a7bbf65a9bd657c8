"""Production settings for the load test on loopback.

Three differences: the manifest static storage needs collectstatic, and static
files are not what the load test measures; there is no SMTP server on
loopback, so confirmation emails are rendered and kept in memory; and every
simulated shopper comes from 127.0.0.1, so the per-address limits on placing
orders and trying vouchers would refuse all but the first few checkouts.
"""

from site_project.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SHOP_THROTTLE_RATES = {
    action: {"ip": "100000/h", "email": "100000/h"}
    for action in ("place-order", "voucher")
}
