from functools import wraps

import oscar.apps.dashboard.apps as apps
from django.apps import apps as django_apps
from oscar.core.application import OscarDashboardConfig
from oscar.views.decorators import permissions_required

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Creating a partner's user also links it to the partner.
EXTRA_WRITE_PERMISSIONS = {"partner-user-create": ["partner.change_partner"]}


def write_permissions(permissions, extra=()):
    """Oscar's permission spec (a list, or a tuple of alternative lists) for a
    request that changes something: each ``app.view_model`` also asks for
    ``app.change_model``, unless its list already asks to write it."""
    if isinstance(permissions, tuple):
        return tuple(write_permissions(one, extra) for one in permissions)
    needed = list(permissions)
    for permission in permissions:
        app_label, _, codename = permission.partition(".")
        action, _, model = codename.partition("_")
        writes = {f"{app_label}.{verb}_{model}" for verb in ("add", "change", "delete")}
        if action == "view" and not writes & set(permissions):
            needed.append(f"{app_label}.change_{model}")
    return needed + [p for p in extra if p not in needed]


class DashboardConfig(apps.DashboardConfig):
    """Forked for the forked sub-apps, and so a POST to any dashboard view
    needs the change permissions of what it reads (Oscar's check is one for
    every method)."""

    name = "shop.dashboard"

    def get_url_decorator(self, pattern):
        decorator = super().get_url_decorator(pattern)
        read = next(
            (
                config.get_permissions(pattern.name)
                for config in django_apps.get_app_configs()
                if isinstance(config, OscarDashboardConfig)
                and pattern.name in config.permissions_map
            ),
            None,
        )
        extra = EXTRA_WRITE_PERMISSIONS.get(pattern.name, ())
        needed = write_permissions(read, extra) if read else read
        if needed == read:
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
