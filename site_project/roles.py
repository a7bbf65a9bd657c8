"""Staff roles as Django groups with exact permissions.

``apply_roles()`` (run by ``manage.py setup_roles`` and ``load_demo``) makes
each group hold exactly the permissions listed here, removing any other, so
running it again after editing this file is how a role changes.

- Editors work only in Wagtail's admin (/cms/): pages under the root (add,
  edit, publish, lock), images and documents in the root collection, the
  Author and Topic snippets, and the product/category choosers (which need
  nothing beyond admin access). They are not staff: no Oscar dashboard.
- Catalogue managers work in Oscar's dashboard (/shop/dashboard/): products,
  categories, product types, options, images, stock records and prices,
  stock alerts. No orders, customers, offers or reports, nothing in /cms/.
- Customer service work in Oscar's dashboard on orders and payments, look up
  customers and read the order reports. They cannot change the catalogue.
- Superusers have everything; they alone reach Django's admin.

Oscar's dashboard index admits ``is_staff`` users; the dashboard roles must
therefore be staff (``setup_roles --add-user EMAIL ROLE`` sets that). Each
dashboard view then checks its own model permission (Oscar's
``permissions_map``), so staff status alone opens no area.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS = "Editors"
CATALOGUE_MANAGERS = "Catalogue managers"
CUSTOMER_SERVICE = "Customer service"


def crud(app_label, *models, actions=("view", "add", "change", "delete")):
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


@dataclass(frozen=True)
class Role:
    """One staff role: model permissions plus Wagtail's tree permissions."""

    name: str
    is_staff: bool
    permissions: list[str]
    page_permissions: list[str] = field(default_factory=list)
    collection_permissions: list[str] = field(default_factory=list)


ROLES = {
    role.name: role
    for role in (
        Role(
            name=EDITORS,
            is_staff=False,
            permissions=[
                "wagtailadmin.access_admin",
                *crud("blog", "author", "topic"),
                "taggit.add_tag",
                "taggit.change_tag",
                "taggit.view_tag",
            ],
            page_permissions=["add", "change", "publish", "lock", "unlock"],
            collection_permissions=[
                "wagtailimages.add_image",
                "wagtailimages.change_image",
                "wagtailimages.choose_image",
                "wagtaildocs.add_document",
                "wagtaildocs.change_document",
                "wagtaildocs.choose_document",
            ],
        ),
        Role(
            name=CATALOGUE_MANAGERS,
            is_staff=True,
            permissions=[
                *crud(
                    "catalogue",
                    "product",
                    "productclass",
                    "category",
                    "productcategory",
                    "productimage",
                    "productattribute",
                    "productattributevalue",
                    "productrecommendation",
                    "option",
                    "attributeoptiongroup",
                    "attributeoption",
                ),
                *crud("partner", "stockrecord"),
                "partner.view_partner",
                "partner.view_stockalert",
                "partner.change_stockalert",
            ],
        ),
        Role(
            name=CUSTOMER_SERVICE,
            is_staff=True,
            permissions=[
                "order.view_order",
                "order.change_order",
                "order.view_line",
                "order.change_line",
                *crud("order", "ordernote"),
                "order.view_paymentevent",
                "order.add_paymentevent",
                "order.view_shippingevent",
                "order.add_shippingevent",
                "order.view_communicationevent",
                "order.view_shippingaddress",
                "order.change_shippingaddress",
                "order.view_billingaddress",
                "payment.view_source",
                "payment.add_source",
                "payment.change_source",
                "payment.view_transaction",
                "payment.add_transaction",
                "auth.view_user",
                "analytics.view_userrecord",
            ],
        ),
    )
}


def resolve_permissions(names):
    """Permission objects for "app_label.codename" names; unknown names fail."""
    wanted = set(names)
    found = {}
    for permission in Permission.objects.select_related("content_type").filter(
        codename__in={name.split(".", 1)[1] for name in wanted}
    ):
        key = f"{permission.content_type.app_label}.{permission.codename}"
        if key in wanted:
            found[key] = permission
    missing = sorted(wanted - found.keys())
    if missing:
        raise LookupError(
            f"Unknown permissions {missing}: run `manage.py migrate` first, "
            "or fix the role definitions in site_project/roles.py."
        )
    return [found[name] for name in names]


@transaction.atomic
def apply_role(role):
    """Create or update one group so it holds exactly the role's permissions."""
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    group, _ = Group.objects.get_or_create(name=role.name)
    group.permissions.set(resolve_permissions(role.permissions))

    GroupPagePermission.objects.filter(group=group).delete()
    if role.page_permissions:
        root_page = Page.get_first_root_node()
        for permission in resolve_permissions(
            [f"wagtailcore.{action}_page" for action in role.page_permissions]
        ):
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=permission
            )

    GroupCollectionPermission.objects.filter(group=group).delete()
    if role.collection_permissions:
        root_collection = Collection.get_first_root_node()
        for permission in resolve_permissions(role.collection_permissions):
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def apply_roles():
    """Create or update every role's group; returns the groups by name."""
    return {name: apply_role(role) for name, role in ROLES.items()}


def assign_role(user, role_name):
    """Put a user in a role's group, making them staff if the role needs it."""
    role = ROLES[role_name]
    # Applied every time: Wagtail's migrations create an "Editors" group of
    # their own, which must not be taken as already set up.
    user.groups.add(apply_role(role))
    if role.is_staff and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def superuser_only(request):
    """``AdminSite.has_permission`` for Django's admin: superusers only."""
    return request.user.is_active and request.user.is_superuser
