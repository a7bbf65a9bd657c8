from functools import wraps

import oscar.apps.dashboard.apps as apps
from django.apps import apps as django_apps
from oscar.core.application import OscarDashboardConfig
from oscar.views.decorators import permissions_required

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Creating a partner's user also links it to the partner.
EXTRA_WRITE_PERMISSIONS = {"partner-user-create": ["partner.change_partner"]}


def with_change_permissions(permissions, extra=()):
    """An AND-list of read permissions in which each ``app.view_model`` also
    asks for ``app.change_model``, unless the list already asks to write it."""
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


class DashboardConfig(apps.DashboardConfig):
    """Forked for the forked sub-apps, and so a POST to any dashboard view
    needs the change permissions of what it reads (Oscar's check is one for
    every method)."""

    name = "shop.dashboard"

    def read_permissions(self, url_name):
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
        check_writes = permissions_required(needed, login_url=self.login_url)

        def decorate(view):
            read_view = decorator(view) if decorator else view
            write_view = check_writes(read_view)

            @wraps(read_view)
            def view_checking_writes(request, *args, **kwargs):
                if request.method in SAFE_METHODS:
                    return read_view(request, *args, **kwargs)
                return write_view(request, *args, **kwargs)

            return view_checking_writes

        return decorate
