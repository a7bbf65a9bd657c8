"""Settings shared by every environment.

Every deployment value comes from the environment (django-environ). This file
has no secret and no DEBUG: dev.py, test.py and production.py decide those.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from oscar.defaults import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is optional; the real environment always wins over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def database_from_env(default):
    """Parse DATABASE_URL, failing with a message that names the variable."""
    url = env.str("DATABASE_URL", default=default)
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types here.
        raise ImproperlyConfigured(
            f"DATABASE_URL could not be parsed ({url!r}): {exc}"
        ) from exc
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"DATABASE_URL has an unsupported scheme: {url!r}")
    config["ATOMIC_REQUESTS"] = False
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers and one writer work at once; the busy timeout
        # makes a second writer wait instead of failing "database is locked";
        # IMMEDIATE transactions take the write lock up front so two writers
        # never deadlock on a lock upgrade.
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    # 16 MiB of pages per connection (SQLite's default is 2).
                    "PRAGMA cache_size=-16384;"
                    # Planner statistics, gathered where missing or stale, as
                    # SQLite advises on opening a long-lived connection:
                    # full-text search counts need them.
                    "PRAGMA optimize=0x10002;"
                ),
            }
        )
    else:
        config.setdefault("CONN_HEALTH_CHECKS", True)
    # Connections outlive a request: no connect per request, and SQLite keeps
    # its page cache (per connection) warm from one request to the next.
    config.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    return config


DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps come first so their templates override the libraries'.
    "blog",
    "shop",
    "site_project.sign_in",
    "site_search",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    # Oscar, with the apps this project changes replaced by its forks in shop/
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "shop.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Login throttling and staff two-factor sign-in (site_project/sign_in/)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background tasks (mail, purges) and their database queue
    "django_tasks",
    "django_tasks_db",
    # Who changed what and when, for superusers in /django-admin/ (AUDITLOG_*)
    "auditlog",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but security: sees every cookie the others set.
    "site_project.middleware.CacheHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "site_project.middleware.ContentSecurityPolicyMiddleware",
    "site_project.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the signed-in user as the actor of each audit log entry.
    "auditlog.middleware.AuditlogMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "site_project.sign_in.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "site_project.middleware.AdminPermissionDeniedMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_project.urls"
WSGI_APPLICATION = "site_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.context_processors.shop_navigation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

AUTHENTICATION_BACKENDS = (
    # First: refuses every login, right or wrong, while locked out.
    "axes.backends.AxesStandaloneBackend",
    # Oscar's email login, hashing as long for unknown addresses.
    "shop.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)

# Login throttling (django-axes) on every login form: the shop's, /cms/,
# /shop/dashboard/ and /django-admin/. After AXES_FAILURE_LIMIT failures for
# one account, or from one address, logins are refused (429) for
# AXES_COOLOFF_TIME. Attempts are kept in the database, shared by every web
# process with or without Redis; superusers see them in /django-admin/.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "site_project.sign_in.throttling.login_username"
AXES_CLIENT_IP_CALLABLE = "site_project.sign_in.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "site_project.sign_in.throttling.locked_out_response"
# How many proxies of the site's own (nginx, Varnish) add X-Forwarded-For in
# front of gunicorn; 0 trusts REMOTE_ADDR. Throttles count per client address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Password-reset emails (django-ratelimit, counted in the cache): per address
# asked for and per client address.
PASSWORD_RESET_RATE_EMAIL = env.str("PASSWORD_RESET_RATE_EMAIL", default="3/h")
PASSWORD_RESET_RATE_IP = env.str("PASSWORD_RESET_RATE_IP", default="20/h")
# Staff two-factor sign-in (django-otp, TOTP): the name authenticator apps
# show. Which groups must use it is a Wagtail setting (Settings > Staff sign-in).
OTP_TOTP_ISSUER = "Backbone"

LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploaded images above this size are refused with a form error.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Cache: Redis when REDIS_URL is set (shared by every web process), otherwise
# local memory for a single development process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    # Room for thumbnails and sessions (the default culls at 300 keys).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Public pages (site_project.middleware.CacheHeadersMiddleware): how long a
# shared cache keeps them, and serves them stale while it fetches a fresh copy.
# Purges (wagtail.contrib.frontend_cache, as tasks) make changes show at once.
PUBLIC_PAGE_SECONDS = env.int("PUBLIC_PAGE_SECONDS", default=60 * 60)
PUBLIC_PAGE_STALE_SECONDS = env.int("PUBLIC_PAGE_STALE_SECONDS", default=60)
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }

# Sessions live in the database (or Redis through the cache in production
# settings), never in a process, so any web process can serve any visitor.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Requests queue their mail as tasks (site_project/email.py); the task sends it
# through EMAIL_DELIVERY_BACKEND (the EMAIL_BACKEND environment variable),
# trying EMAIL_DELIVERY_ATTEMPTS times, the n-th retry EMAIL_RETRY_DELAY *
# 2**(n-1) seconds after the last.
EMAIL_BACKEND = "site_project.email.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_DELIVERY_ATTEMPTS = env.int("EMAIL_DELIVERY_ATTEMPTS", default=5)
EMAIL_RETRY_DELAY = env.int("EMAIL_RETRY_DELAY", default=60)

# Background tasks (django-tasks, which Wagtail uses too): run at once unless
# TASK_BACKEND=database, where a worker (`manage.py db_worker`) runs them.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASK_BACKEND = env.str("TASK_BACKEND", default="immediate")
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASK_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Backbone Recovery <orders@backbone.invalid>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# ---------------------------------------------------------------- Security
# Content-Security-Policy for the public site: scripts only from this origin
# or carrying the per-request nonce (request.csp_nonce), no plugins, no
# framing. Oscar's basket and checkout templates hide forms with
# style="display:none", so inline style *attributes* are allowed, but not
# <style> elements. The admin areas get a looser policy chosen by path in
# site_project.middleware.ContentSecurityPolicyMiddleware (see why there).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Product images uploaded in Oscar's dashboard: the same limits as Wagtail's
# (shop/dashboard/catalogue/forms.py); formats as Pillow names them.
SHOP_IMAGE_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
SHOP_IMAGE_FORMATS = ["JPEG", "PNG", "GIF", "WEBP"]
# Wagtail's admin would otherwise load avatars from an external service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's live preview frames /cms/ pages inside /cms/ pages; every other
# response keeps DENY (production.py).
X_FRAME_OPTIONS = "DENY"

# ---------------------------------------------------------------- Audit trail
# django-auditlog records who changed what and when for these models; rows
# Oscar writes in bulk (dashboard bulk actions, product attribute values) are
# logged through shop/audit.py. Superusers read the log in /django-admin/.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "catalogue.product", "exclude_fields": ["date_updated", "rating"]},
    "catalogue.category",
    "catalogue.productcategory",
    "catalogue.productattributevalue",
    "catalogue.productimage",
    {"model": "partner.stockrecord", "exclude_fields": ["date_updated"]},
    {"model": "partner.partner", "m2m_fields": ["users"]},
    {"model": "order.order", "include_fields": ["status"]},
    {"model": "order.line", "include_fields": ["status"]},
    {
        "model": "auth.user",
        "exclude_fields": ["last_login"],
        "mask_fields": ["password"],
        "mask_callable": "shop.audit.hidden",
        "m2m_fields": ["groups", "user_permissions"],
    },
)

# ---------------------------------------------------------------- Wagtail
WAGTAIL_SITE_NAME = "Backbone"
# The public address: the sites framework's Site is set from it on migrate
# (shop/site_url.py), so password-reset links and the sitemap name it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# At most 25 million pixels (width x height x frames) per uploaded image, in
# Wagtail and in the product image form (site_project/image_uploads.py): a
# 24-megapixel camera photo fits, and decoding one for a rendition takes at
# most about 100 MB of a worker's memory (4 bytes a pixel).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_project.image_uploads.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True

# ---------------------------------------------------------------- Search
# One index for articles and products (/search/). By default Wagtail's
# database backend, which picks SQLite FTS5 or PostgreSQL full-text search by
# the connection's vendor; SEARCH_CONFIG is PostgreSQL's text search
# configuration (English stemming).
# SEARCH_BACKEND_URL moves the index to a search server by configuration
# alone, e.g.
#   elasticsearch8://search.internal:9200/backbone_
#   opensearch3+https://user:password@search.internal:9200/backbone_
# (engine[+http|+https]://[user:password@]host:port/index-prefix).
SEARCH_SERVER_ENGINES = (
    "elasticsearch7",
    "elasticsearch8",
    "elasticsearch9",
    "opensearch2",
    "opensearch3",
)


def search_backends_from_env():
    """WAGTAILSEARCH_BACKENDS from SEARCH_BACKEND_URL (empty: the database)."""
    url = env.str("SEARCH_BACKEND_URL", default="")
    if not url:
        return {
            "default": {
                "BACKEND": "wagtail.search.backends.database",
                "SEARCH_CONFIG": env.str("SEARCH_CONFIG", default="english"),
            }
        }
    parts = urlsplit(url)
    engine, _, transport = parts.scheme.partition("+")
    if engine not in SEARCH_SERVER_ENGINES or transport not in ("", "http", "https"):
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND_URL has an unsupported scheme {parts.scheme!r}; use "
            f"one of {', '.join(SEARCH_SERVER_ENGINES)}, optionally with +https."
        )
    if not parts.hostname:
        raise ImproperlyConfigured(f"SEARCH_BACKEND_URL names no host: {url!r}")
    return {
        "default": {
            "BACKEND": f"wagtail.search.backends.{engine}",
            "URLS": [f"{transport or 'http'}://{parts.netloc}"],
            "INDEX_PREFIX": parts.path.strip("/"),
            "TIMEOUT": env.int("SEARCH_TIMEOUT", default=5),
        }
    }


WAGTAILSEARCH_BACKENDS = search_backends_from_env()

# ---------------------------------------------------------------- Oscar
OSCAR_SHOP_NAME = "Backbone shop"
OSCAR_SHOP_TAGLINE = "Recovery products for a stronger back"
OSCAR_HOMEPAGE = "/shop/catalogue/"
OSCAR_DEFAULT_CURRENCY = "GBP"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Oscar's emails build links as OSCAR_URL_SCHEMA://<Site domain><path>.
OSCAR_URL_SCHEMA = urlsplit(SITE_URL).scheme or "https"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_PRODUCTS_PER_PAGE = 12
OSCAR_BASKET_COOKIE_SECURE = False
# Staff record an offline payment in the dashboard; that moves the order on.
OSCAR_INITIAL_ORDER_STATUS = "Pending payment"
OSCAR_INITIAL_LINE_STATUS = "Pending payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending payment": ("Paid", "Cancelled"),
    "Paid": ("Shipped", "Cancelled"),
    "Shipped": ("Complete",),
    "Complete": (),
    "Cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
# Orders still "Pending payment" this many days after placing are cancelled
# by `manage.py cancel_unpaid_orders` (run daily), releasing their stock.
SHOP_UNPAID_ORDER_DAYS = env.int("SHOP_UNPAID_ORDER_DAYS", default=7)
# Attempts counted per client address and per email address (django-ratelimit
# rates, e.g. "10/h"); over the limit a visitor gets a 429 page.
SHOP_THROTTLE_RATES = {
    "place-order": {
        "ip": env.str("PLACE_ORDER_RATE_IP", default="10/h"),
        "email": env.str("PLACE_ORDER_RATE_EMAIL", default="5/h"),
    },
    "voucher": {
        "ip": env.str("VOUCHER_RATE_IP", default="20/h"),
        "email": env.str("VOUCHER_RATE_EMAIL", default="10/h"),
    },
}
OSCAR_ORDER_STATUS_CASCADE = {
    "Paid": "Paid",
    "Shipped": "Shipped",
    "Complete": "Complete",
    "Cancelled": "Cancelled",
}
OSCAR_SEARCH_FACETS = {"fields": {}, "queries": {}}

# Oscar's storefront search is replaced by the site-wide /search/ page; the
# simple engine keeps haystack importable without a search server.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}

THUMBNAIL_DEBUG = False
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"


def require(name):
    """Read a required environment variable or stop start-up naming it."""
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required but is not set."
        )
    return value
