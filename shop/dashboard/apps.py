from functools import wraps

import oscar.apps.dashboard.apps as apps
from django.apps import apps as django_apps
from oscar.core.application import OscarDashboardConfig
from oscar.views.decorators import permissions_required

# Requests that only read. Anything else changes something.
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

# Views whose POST changes a model their read permissions do not name:
# creating a partner's user also links it to the partner.
EXTRA_WRITE_PERMISSIONS = {
    "partner-user-create": ["partner.change_partner"],
}


def with_change_permissions(permissions, extra=()):
    """One AND-list of read permissions, extended to the permissions a change
    needs: each ``app.view_model`` brings ``app.change_model`` unless the
    list already asks for adding, changing or deleting that model."""
    needed = list(permissions)
    for permission in permissions:
        app_label, _, codename = permission.partition(".")
        action, _, model = codename.partition("_")
        if action != "view":
            continue
        writes = {f"{app_label}.{verb}_{model}" for verb in ("add", "change", "delete")}
        if not writes & set(permissions):
            needed.append(f"{app_label}.change_{model}")
    needed.extend(p for p in extra if p not in needed)
    return needed


def write_permissions(permissions, extra=()):
    """Oscar's permission spec (a list, or a tuple of alternative lists) for a
    request that changes something; None when it is the read spec itself."""
    if not permissions:
        return None
    if isinstance(permissions, list):
        needed = with_change_permissions(permissions, extra)
    else:
        needed = tuple(with_change_permissions(one, extra) for one in permissions)
    return None if needed == permissions else needed


def permissions_required_to_write(permissions, login_url):
    """Oscar's ``permissions_required``, applied to unsafe methods only."""
    check = permissions_required(permissions, login_url=login_url)

    def decorator(view):
        checked_view = check(view)

        @wraps(view)
        def view_checking_writes(request, *args, **kwargs):
            if request.method in SAFE_METHODS:
                return view(request, *args, **kwargs)
            return checked_view(request, *args, **kwargs)

        return view_checking_writes

    return decorator


class DashboardConfig(apps.DashboardConfig):
    """Forked so Oscar's class loader finds the forked dashboard sub-apps'
    modules (it resolves ``dashboard.orders.views`` through this app), and so
    that every dashboard view checks a change permission for a POST.

    Oscar's ``permissions_map`` gives one permission set per view, used for
    every method: a list page that also takes bulk actions (users, categories,
    reviews) or a page with an edit form (a partner) needs only ``view_*``
    to change things. Every sub-app's URLs pass through this app's
    ``post_process_urls``, so each view's POST (PUT, DELETE, ...) is checked
    here against its read permissions turned into change permissions.
    """

    name = "shop.dashboard"

    def read_permissions(self, url_name):
        """The permissions the dashboard app that maps this view asks for."""
        for config in django_apps.get_app_configs():
            if (
                isinstance(config, OscarDashboardConfig)
                and url_name in config.permissions_map
            ):
                return config.get_permissions(url_name)
        return None

    def get_url_decorator(self, pattern):
        decorator = super().get_url_decorator(pattern)
        needed = write_permissions(
            self.read_permissions(pattern.name),
            EXTRA_WRITE_PERMISSIONS.get(pattern.name, ()),
        )
        if needed is None:
            return decorator
        write_decorator = permissions_required_to_write(needed, self.login_url)
        if decorator is None:
            return write_decorator
        return lambda view: write_decorator(decorator(view))
