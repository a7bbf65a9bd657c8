"""Settings shared by every environment; deployment values come from the
environment (django-environ), secrets from dev, test or production."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
import oscar
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
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL and IMMEDIATE transactions let readers and writers work at once
        # without "database is locked"; optimize keeps the planner's
        # statistics, which full-text search counts need.
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA cache_size=-16384;"
                    "PRAGMA optimize=0x10002;"
                ),
            }
        )
    else:
        config.setdefault("CONN_HEALTH_CHECKS", True)
    # Persistent connections: no connect per request, a warm SQLite page cache.
    config.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    return config


DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

OSCAR_FORKS = {
    "shop.checkout.apps.CheckoutConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "shop.dashboard.apps.DashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "shop.dashboard.offers.apps.OffersDashboardConfig",
}
INSTALLED_APPS = [
    # Project apps come first so their templates override the libraries'.
    "blog",
    "shop",
    "site_project.sign_in",
    "site_project.search_terms",
    "site_search",
    "importer",
    "demo",
    "attribution",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
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
    # Oscar's own list (Django's apps, Oscar's, its dependencies), each app this
    # project changes replaced by its fork in shop/.
    *(
        fork if (fork := app.replace("oscar.apps.", "shop.")) in OSCAR_FORKS else app
        for app in oscar.INSTALLED_APPS
    ),
    "django.contrib.sitemaps",
    "sorl.thumbnail",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
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
    # Pages compressed where nothing in front does it (static files come
    # compressed from WhiteNoise, above). No BREACH exposure: a public page
    # holds nothing of the visitor's, and Django masks each CSRF token anew.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "site_project.sign_in.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "site_project.middleware.AdminPermissionDeniedMiddleware",
    # Last, as django-axes asks.
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
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # Not Oscar's search_form: /search/ is the site's search, and
                # Wagtail's admin headers would show that form on every
                # view that has no search of its own.
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
    "shop.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "site_project.sign_in.throttling.login_username"
AXES_CLIENT_IP_CALLABLE = "site_project.sign_in.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "site_project.sign_in.throttling.locked_out_response"
# How many of the site's own proxies add X-Forwarded-For before gunicorn.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
PASSWORD_RESET_RATE_EMAIL = env.str("PASSWORD_RESET_RATE_EMAIL", default="3/h")
PASSWORD_RESET_RATE_IP = env.str("PASSWORD_RESET_RATE_IP", default="20/h")
OTP_TOTP_ISSUER = "Backbone"

LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Redis (redis://host:port/db), shared by every web process, or local memory
# for one dev process (REDIS_URL unset or empty).
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": env.cache_url_config(REDIS_URL or "locmemcache://?max_entries=10000")
}

# How long a shared cache keeps public pages; purges show changes at once.
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

# Mail is queued as tasks (site_project/email.py) sent by the delivery backend.
EMAIL_BACKEND = "site_project.email.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_DELIVERY_ATTEMPTS = env.int("EMAIL_DELIVERY_ATTEMPTS", default=5)
EMAIL_RETRY_DELAY = env.int("EMAIL_RETRY_DELAY", default=60)

# Tasks run at once, or with TASK_BACKEND=database in `manage.py db_worker`.
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

# Inline style attributes only for Oscar's templates; the admin areas get a
# looser policy (site_project.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Product images in Oscar's dashboard: the same limits as Wagtail's.
SHOP_IMAGE_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
SHOP_IMAGE_FORMATS = ["JPEG", "PNG", "GIF", "WEBP"]
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Who changed what and when; Oscar's bulk writes are logged by shop/audit.py.
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

WAGTAIL_SITE_NAME = "Backbone"
# The public address; the sites framework's Site is set from it on migrate.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Also the product image form's limit (site_project/image_uploads.py).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_project.image_uploads.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True

# Medical review: an article is due this many months after its last review
# (the PIF TICK asks for at least every three years); editors may set less.
BLOG_REVIEW_INTERVAL_MONTHS = env.int("BLOG_REVIEW_INTERVAL_MONTHS", default=24)
# Shown near the top of every article with a product callout (FTC endorsement
# guides: material connections disclosed clearly and conspicuously).
BLOG_PRODUCT_DISCLOSURE = (
    "We sell products featured in this article. Our editors choose them "
    "independently, and buying them helps fund the site."
)

# SEARCH_BACKEND_URL moves the search index from the database to a search
# server: engine[+http|+https]://[user:password@]host:port/index-prefix.
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
                # PostgreSQL's fuzzy matching (a last resort for a misspelt
                # word) keeps only close matches: the default lets a short
                # query match most titles.
                "FUZZY_SIMILARITY_THRESHOLD": 0.5,
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

OSCAR_SHOP_NAME = "Backbone shop"
OSCAR_SHOP_TAGLINE = "Recovery products for a stronger back"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Oscar's emails build links as OSCAR_URL_SCHEMA://<Site domain><path>.
OSCAR_URL_SCHEMA = urlsplit(SITE_URL).scheme or "https"
OSCAR_PRODUCTS_PER_PAGE = 12
# Staff record an offline payment in the dashboard; that moves the order on.
OSCAR_INITIAL_ORDER_STATUS = "Pending payment"
OSCAR_INITIAL_LINE_STATUS = "Pending payment"
# The life of an order (docs/architecture.md, "Order statuses"). "Paid",
# "Dispatched" and "Refunded" are reached by recording money or a parcel, not
# by picking the status (shop/order/processing.py).
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending payment": ("Paid", "Cancelled"),
    "Paid": ("Being prepared", "Dispatched", "Cancelled", "Refunded"),
    "Being prepared": ("Dispatched", "Cancelled", "Refunded"),
    "Dispatched": ("Delivered", "Refunded"),
    "Delivered": ("Refunded",),
    "Cancelled": (),
    "Refunded": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = {
    status: status
    for status in OSCAR_ORDER_STATUS_PIPELINE
    if status != "Pending payment"
}
# Customer service's return requests, listed beside the orders.
OSCAR_DASHBOARD_NAVIGATION = [
    {
        **section,
        "children": [
            item
            for child in section["children"]
            for item in (
                [child, {"label": "Returns", "url_name": "dashboard:order-return-list"}]
                if child.get("url_name") == "dashboard:order-list"
                else [child]
            )
        ],
    }
    if "children" in section
    else section
    for section in OSCAR_DASHBOARD_NAVIGATION  # noqa: F405
]
# Shown to shoppers who pay by bank transfer. The defaults are placeholders,
# which production settings refuse while bank transfer is offered.
SHOP_BANK_TRANSFER_ENABLED = env.bool("SHOP_BANK_TRANSFER_ENABLED", default=True)
SHOP_BANK_ACCOUNT_PLACEHOLDER = {
    "account_name": "Backbone Recovery Ltd",
    "sort_code": "00-00-00",
    "account_number": "00000000",
}
SHOP_BANK_ACCOUNT = {
    "account_name": env.str(
        "SHOP_BANK_ACCOUNT_NAME",
        default=SHOP_BANK_ACCOUNT_PLACEHOLDER["account_name"],
    ),
    "sort_code": env.str(
        "SHOP_BANK_SORT_CODE", default=SHOP_BANK_ACCOUNT_PLACEHOLDER["sort_code"]
    ),
    "account_number": env.str(
        "SHOP_BANK_ACCOUNT_NUMBER",
        default=SHOP_BANK_ACCOUNT_PLACEHOLDER["account_number"],
    ),
}
# Pay on delivery: offered for order totals up to the limit (no limit when
# empty), at the fee added to the order total (none when zero).
SHOP_PAY_ON_DELIVERY_LIMIT = env.str("SHOP_PAY_ON_DELIVERY_LIMIT", default="")
SHOP_PAY_ON_DELIVERY_FEE = env.str("SHOP_PAY_ON_DELIVERY_FEE", default="0.00")
# Carriers customer service dispatches with; {tracking} in the address is
# replaced by the parcel's tracking number.
SHOP_CARRIERS = {
    "royal-mail": {
        "name": "Royal Mail",
        "tracking_url": "https://www.royalmail.com/track-your-item#/tracking-results/{tracking}",
    },
    "dpd": {
        "name": "DPD",
        "tracking_url": "https://track.dpd.co.uk/parcels/{tracking}",
    },
    "evri": {
        "name": "Evri",
        "tracking_url": "https://www.evri.com/track/parcel/{tracking}",
    },
}
# Card payments through Stripe, offered only when all three keys are set.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Stripe's API and Stripe.js, or localstripe, a fake Stripe on loopback
# (scripts/localstripe.sh), in their place: the tests and the loopback stack
# (deploy/stack.py) pay against it.
LOCALSTRIPE_URL = env.str("LOCALSTRIPE_URL", default="")
if LOCALSTRIPE_URL and urlsplit(LOCALSTRIPE_URL).hostname != "127.0.0.1":
    raise ImproperlyConfigured(
        f"LOCALSTRIPE_URL must be on loopback (http://127.0.0.1:<port>), "
        f"not {LOCALSTRIPE_URL!r}."
    )
STRIPE_API_BASE = LOCALSTRIPE_URL or "https://api.stripe.com"
STRIPE_JS_URL = (
    f"{LOCALSTRIPE_URL}/js.stripe.com/v3/"
    if LOCALSTRIPE_URL
    else "https://js.stripe.com/v3/"
)
# Days a callout's basket add may lead to an order line attributed to it
# (docs/attribution.md).
ATTRIBUTION_WINDOW_DAYS = env.int("ATTRIBUTION_WINDOW_DAYS", default=7)
# Days attributed order lines are kept before `manage.py fold_attribution`
# folds them into daily sales per callout (docs/attribution.md).
ATTRIBUTION_RETENTION_DAYS = env.int("ATTRIBUTION_RETENTION_DAYS", default=90)
# Order line statuses the callout sales report leaves out.
ATTRIBUTION_UNCOUNTED_LINE_STATUSES = ["Cancelled", "Refunded"]
# Days a customer may ask to return items, counted from the day the order was
# marked delivered or, until it is, from its dispatch.
SHOP_RETURN_DAYS = env.int("SHOP_RETURN_DAYS", default=30)
# Days after which `manage.py cancel_unpaid_orders` cancels an unpaid order.
SHOP_UNPAID_ORDER_DAYS = env.int("SHOP_UNPAID_ORDER_DAYS", default=7)
# django-ratelimit rates per client address and per email address.
SHOP_THROTTLE_RATES = {
    "place-order": {
        "ip": env.str("PLACE_ORDER_RATE_IP", default="10/h"),
        "email": env.str("PLACE_ORDER_RATE_EMAIL", default="5/h"),
    },
    "card-payment": {
        "ip": env.str("CARD_PAYMENT_RATE_IP", default="20/h"),
        "email": env.str("CARD_PAYMENT_RATE_EMAIL", default="10/h"),
    },
    "voucher": {
        "ip": env.str("VOUCHER_RATE_IP", default="20/h"),
        "email": env.str("VOUCHER_RATE_EMAIL", default="10/h"),
    },
}
OSCAR_SEARCH_FACETS = {"fields": {}, "queries": {}}

# Oscar's search gives way to /search/; haystack needs an engine to import.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}


def require(name):
    """Read a required environment variable or stop start-up naming it."""
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required but is not set."
        )
    return value
