"""Every role against every staff area: allowed (200), denied (403), or sent
to the right login page when anonymous."""

import pytest
from django.db import transaction
from django.urls import reverse

from tests.security.dashboard_urls import (
    PUBLIC_DASHBOARD_URLS,
    dashboard_urls,
    make_dashboard_objects,
    url_for,
)

pytestmark = pytest.mark.django_db

WAGTAIL_LOGIN = "/cms/login/"
DASHBOARD_LOGIN = "/shop/dashboard/login/"
DJANGO_ADMIN_LOGIN = "/django-admin/login/"


def wagtail_areas(page, revision):
    return {
        "cms:home": "/cms/",
        "cms:pages": reverse("wagtailadmin_explore", args=[page.pk]),
        "cms:page-edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "cms:preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        "cms:revisions": reverse(
            "wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]
        ),
        "cms:history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "cms:images": reverse("wagtailimages:index"),
        "cms:documents": reverse("wagtaildocs:index"),
        "cms:author-snippets": reverse("wagtailsnippets_blog_author:list"),
        "cms:topic-snippets": reverse("wagtailsnippets_blog_topic:list"),
        "cms:reports": reverse("wagtailadmin_reports:site_history"),
        "cms:page-chooser": reverse("wagtailadmin_choose_page"),
        "cms:image-chooser": reverse("wagtailimages_chooser:choose"),
        "cms:users": reverse("wagtailusers_users:index"),
    }


DASHBOARD_AREAS = {
    "dashboard:index": "dashboard:index",
    "dashboard:catalogue": "dashboard:catalogue-product-list",
    "dashboard:categories": "dashboard:catalogue-category-list",
    "dashboard:stock": "dashboard:stock-alert-list",
    "dashboard:orders": "dashboard:order-list",
    "dashboard:users": "dashboard:users-index",
    "dashboard:offers": "dashboard:offer-list",
    "dashboard:reports": "dashboard:reports-index",
}

EDITOR_AREAS = {
    "cms:home",
    "cms:pages",
    "cms:page-edit",
    "cms:preview",
    "cms:revisions",
    "cms:history",
    "cms:images",
    "cms:documents",
    "cms:author-snippets",
    "cms:topic-snippets",
    "cms:reports",
    "cms:page-chooser",
    "cms:image-chooser",
}
ALLOWED = {
    "editor": EDITOR_AREAS,
    "catalogue": {
        "dashboard:index",
        "dashboard:catalogue",
        "dashboard:categories",
        "dashboard:stock",
    },
    "service": {
        "dashboard:index",
        "dashboard:orders",
        "dashboard:users",
        "dashboard:reports",
    },
}


def login_page_for(area):
    if area.startswith("cms:"):
        return WAGTAIL_LOGIN
    if area.startswith("dashboard:"):
        return DASHBOARD_LOGIN
    return DJANGO_ADMIN_LOGIN


@pytest.fixture
def areas(home_page):
    revision = home_page.save_revision()
    urls = wagtail_areas(home_page, revision)
    urls.update({area: reverse(name) for area, name in DASHBOARD_AREAS.items()})
    urls["django-admin"] = reverse("admin:index")
    urls["django-admin:users"] = reverse("admin:auth_user_changelist")
    return urls


def test_permission_matrix(client, role_users, areas):
    """One assertion per (role, area), collected so a failure lists them all."""
    wrong = []
    for role, user in role_users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for area, url in areas.items():
            response = client.get(url)
            if role == "anonymous":
                login = login_page_for(area)
                ok = response.status_code == 302 and response["Location"].startswith(
                    login
                )
                expected = f"302 to {login}"
            elif role == "superuser" or area in ALLOWED[role]:
                ok = response.status_code == 200
                expected = "200"
            else:
                ok = response.status_code == 403
                expected = "403"
            if not ok:
                got = response.status_code, response.get("Location", "")
                wrong.append(f"{role} {area} {url}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_denied_page_is_the_plain_403_page(client, role_users):
    client.force_login(role_users["catalogue"])
    response = client.get("/cms/")
    assert response.status_code == 403
    assert b'data-error-page="403"' in response.content


def test_staff_flag_alone_opens_no_dashboard_area(client, home_page):
    from tests.security.conftest import make_user

    client.force_login(make_user("bare-staff", is_staff=True))
    for name in DASHBOARD_AREAS.values():
        if name == "dashboard:index":
            continue
        assert client.get(reverse(name)).status_code == 403, name


def test_editors_are_not_staff_and_customer_service_cannot_edit_products(
    role_users,
):
    editor, service = role_users["editor"], role_users["service"]
    assert not editor.is_staff
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not service.has_perm("catalogue.change_product")
    assert not service.has_perm("partner.change_stockrecord")
    assert not role_users["catalogue"].has_perm("order.view_order")


def test_setup_roles_is_idempotent_and_exact(home_page):
    from django.contrib.auth.models import Group, Permission
    from django.core.management import call_command

    from site_project.roles import EDITORS

    call_command("setup_roles", verbosity=0)
    editors = Group.objects.get(name=EDITORS)
    stray = Permission.objects.get(codename="delete_order")
    editors.permissions.add(stray)
    before = set(editors.permissions.values_list("pk", flat=True))
    call_command("setup_roles", verbosity=0)
    call_command("setup_roles", verbosity=0)
    after = set(editors.permissions.values_list("pk", flat=True))
    assert after == before - {stray.pk}
    assert Group.objects.filter(name=EDITORS).count() == 1
    assert editors.page_permissions.count() == 5


# Dashboard URLs each role may POST to (change something there). Every other
# dashboard URL answers that role's POST with 403, so a new dashboard view is
# closed to every role but superusers until it is added here.
POST_ALLOWED = {
    "editor": set(),
    "catalogue": {
        "catalogue-product-list",
        "catalogue-product-bulk-action",
        "catalogue-product",
        "catalogue-product-create",
        "catalogue-product-create-child",
        "catalogue-product-delete",
        "catalogue-category-list",
        "catalogue-category-detail-list",
        "catalogue-category-create",
        "catalogue-category-create-child",
        "catalogue-category-update",
        "catalogue-category-delete",
        "catalogue-class-create",
        "catalogue-class-update",
        "catalogue-class-delete",
        "catalogue-attribute-option-group-create",
        "catalogue-attribute-option-group-update",
        "catalogue-attribute-option-group-delete",
        "catalogue-option-create",
        "catalogue-option-update",
        "catalogue-option-delete",
    },
    "service": {
        "order-list",
        "order-stats",
        "order-detail",
        "order-detail-note",
        "order-shipping-address",
    },
}


def test_post_allowed_names_only_views_that_take_a_post():
    takes_post = {url.name for url in dashboard_urls() if url.accepts_post}
    for role, names in POST_ALLOWED.items():
        assert names <= takes_post, (role, names - takes_post)


def post_outcome(role, dashboard_url):
    if dashboard_url.name in PUBLIC_DASHBOARD_URLS:
        return "public"
    if role == "anonymous":
        return "login"
    if not dashboard_url.accepts_post:
        return "not accepted"
    if role == "superuser" or dashboard_url.name in POST_ALLOWED[role]:
        return "allowed"
    return "denied"


def test_post_to_every_dashboard_view(client, role_users):
    """Each role POSTs to each dashboard URL (found by walking the URL
    resolver); each POST runs in a savepoint that is rolled back, so a
    delete in one request leaves the objects for the next."""
    objects = make_dashboard_objects()
    urls = dashboard_urls()
    assert len(urls) > 80, "the walk found too few dashboard URLs"
    # The logout view ends the session; it comes last.
    urls.sort(key=lambda url: url.name == "logout")
    client.raise_request_exception = False
    wrong = []
    for role, user in role_users.items():
        for dashboard_url in urls:
            url = url_for(dashboard_url, objects)
            with transaction.atomic():
                client.logout()
                if user is not None:
                    client.force_login(user)
                response = client.post(url, {})
                transaction.set_rollback(True)
            status, location = response.status_code, response.get("Location", "")
            to_login = status == 302 and location.startswith(DASHBOARD_LOGIN)
            expected = post_outcome(role, dashboard_url)
            ok = (
                status < 500
                and {
                    "public": True,
                    "login": to_login,
                    "denied": status == 403,
                    "allowed": status != 403 and not to_login,
                    # Nothing to change: refused before or by the view.
                    "not accepted": status in (403, 405) and not to_login,
                }[expected]
            )
            if not ok:
                wrong.append(
                    f"{role} POST {dashboard_url}: expected {expected}, "
                    f"got {status} {location}"
                )
    assert not wrong, "\n".join(wrong)
