"""Every role against every staff area: allowed (200), denied (403), or sent
to the right login page when anonymous."""

import pytest
from django.urls import reverse

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

    from blog.roles import EDITORS

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
