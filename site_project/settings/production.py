"""Production: every secret from the environment, with no default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    SHOP_BANK_ACCOUNT,
    SHOP_BANK_ACCOUNT_PLACEHOLDER,
    SHOP_BANK_TRANSFER_ENABLED,
    TASK_BACKENDS,
    env,
    require,
)

SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Shoppers who pay by bank transfer are shown these details: never the
# placeholders, never blank.
if SHOP_BANK_TRANSFER_ENABLED and any(
    not SHOP_BANK_ACCOUNT[key].strip()
    or SHOP_BANK_ACCOUNT[key] == SHOP_BANK_ACCOUNT_PLACEHOLDER[key]
    for key in SHOP_BANK_ACCOUNT
):
    raise ImproperlyConfigured(
        "Bank transfer is offered (SHOP_BANK_TRANSFER_ENABLED) but the "
        "bank details are missing or placeholders: set SHOP_BANK_ACCOUNT_NAME, "
        "SHOP_BANK_SORT_CODE and SHOP_BANK_ACCOUNT_NUMBER, or set "
        "SHOP_BANK_TRANSFER_ENABLED=false."
    )

# TLS ends at the proxy in front of gunicorn, which forwards the visitor's
# address: the throttles count it, not the proxy's.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Mail and purges leave the request: a worker process runs them.
TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)

LOGGING["root"]["level"] = env.str("LOG_LEVEL", default="INFO")  # noqa: F405
