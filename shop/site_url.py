"""The public address (SITE_URL) as the sites framework's Site, from which
Oscar's emails and the sitemap build absolute URLs: set after every
``migrate``, and checked by ``check --deploy``."""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.sites.management import create_default_site
from django.contrib.sites.models import Site as CurrentSite
from django.core.checks import Error, Warning
from django.db import DEFAULT_DB_ALIAS, connections, router

PLACEHOLDER_HOSTS = {"example.com", "www.example.com", "testserver"}
PLACEHOLDER_HOSTS |= {"localhost", "127.0.0.1", "::1"}
HINT = "Set SITE_URL to the public address, e.g. https://backbone.example"


def sync_site_with_site_url(app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **_):
    """post_migrate receiver: the Site numbered SITE_ID takes SITE_URL's
    domain as its domain and name (created first if migrations have not)."""
    create_default_site(app_config, verbosity=0, using=using, apps=apps)
    domain = urlsplit(settings.SITE_URL).netloc
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return  # a partial migrate that has not reached the sites app yet
    if domain and router.allow_migrate_model(using, Site):
        Site.objects.using(using).filter(pk=settings.SITE_ID).update(
            domain=domain, name=domain
        )
        CurrentSite.objects.clear_cache()


def check_site_url(app_configs, databases=None, **kwargs):
    """Deployment check: SITE_URL names the public address, and (with
    ``--database``) the Site was set from it."""
    url = settings.SITE_URL or ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        message = f"SITE_URL is {url!r}, not an absolute address."
        return [Error(message, hint=HINT, id="shop.E001")]
    if parts.hostname in PLACEHOLDER_HOSTS:
        message = (
            f"SITE_URL is {url!r}: emails and the sitemap would send people there."
        )
        return [Error(message, hint=HINT, id="shop.E002")]
    problems = []
    if parts.scheme != "https":
        message = f"SITE_URL {url!r} is not https: password-reset links would"
        message += " be sent over plain http."
        problems.append(Warning(message, id="shop.W001"))
    for alias in databases or ():
        if "django_site" not in connections[alias].introspection.table_names():
            continue
        site = CurrentSite.objects.using(alias).filter(pk=settings.SITE_ID).first()
        if site is None or site.domain != parts.netloc:
            found = site.domain if site else "no Site"
            message = f"The sites framework's Site {settings.SITE_ID} is {found!r}, "
            message += f"not SITE_URL's {parts.netloc!r}."
            hint = "Run `manage.py migrate`, which sets the Site from SITE_URL."
            problems.append(Error(message, hint=hint, id="shop.E003"))
    return problems
