"""Staff roles as Django groups holding exactly these permissions
(``manage.py setup_roles`` applies them again after a change)."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

EDITORS = "Editors"
CATALOGUE_MANAGERS = "Catalogue managers"
CUSTOMER_SERVICE = "Customer service"


def crud(app_label, *models, actions=("view", "add", "change", "delete")):
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


@dataclass(frozen=True)
class Role:
    """One staff role: model permissions plus Wagtail's tree permissions."""

    is_staff: bool
    permissions: list[str]
    page_permissions: list[str] = field(default_factory=list)
    collection_permissions: list[str] = field(default_factory=list)


ROLES = {
    EDITORS: Role(
        is_staff=False,
        permissions=[
            "wagtailadmin.access_admin",
            *crud("blog", "author", "reviewer", "topic"),
            *crud("search_terms", "synonym"),
            *crud("wagtailsearchpromotions", "searchpromotion"),
            *crud("taggit", "tag", actions=("add", "change", "view")),
        ],
        page_permissions=["add", "change", "publish", "lock", "unlock"],
        collection_permissions=[
            *crud("wagtailimages", "image", actions=("add", "change", "choose")),
            *crud("wagtaildocs", "document", actions=("add", "change", "choose")),
        ],
    ),
    CATALOGUE_MANAGERS: Role(
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
            *crud("partner", "stockalert", actions=("view", "change")),
        ],
    ),
    CUSTOMER_SERVICE: Role(
        is_staff=True,
        permissions=[
            *crud("order", "order", "line", actions=("view", "change")),
            *crud("order", "ordernote"),
            *crud("order", "paymentevent", "shippingevent", actions=("view", "add")),
            "order.view_communicationevent",
            *crud("order", "shippingaddress", actions=("view", "change")),
            "order.view_billingaddress",
            *crud("payment", "source", actions=("view", "add", "change")),
            *crud("payment", "transaction", actions=("view", "add")),
            "auth.view_user",
            "analytics.view_userrecord",
        ],
    ),
}


def resolve_permissions(names):
    """Permission objects for "app_label.codename" names; unknown names fail."""
    candidates = Permission.objects.select_related("content_type").filter(
        codename__in={name.split(".", 1)[1] for name in names}
    )
    found = {f"{p.content_type.app_label}.{p.codename}": p for p in candidates}
    missing = sorted(set(names) - found.keys())
    if missing:
        raise LookupError(
            f"Unknown permissions {missing}: run `manage.py migrate` first, "
            "or fix the role definitions in site_project/roles.py."
        )
    return [found[name] for name in names]


@transaction.atomic
def apply_role(name):
    """Create or update one role's group so it holds exactly its permissions."""
    role = ROLES[name]
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(resolve_permissions(role.permissions))
    group.page_permissions.all().delete()
    root_page = Page.get_first_root_node()
    for permission in resolve_permissions(
        [f"wagtailcore.{action}_page" for action in role.page_permissions]
    ):
        GroupPagePermission.objects.create(
            group=group, page=root_page, permission=permission
        )
    group.collection_permissions.all().delete()
    root_collection = Collection.get_first_root_node()
    for permission in resolve_permissions(role.collection_permissions):
        GroupCollectionPermission.objects.create(
            group=group, collection=root_collection, permission=permission
        )
    return group


def apply_roles():
    """Create or update every role's group; returns the groups by name."""
    return {name: apply_role(name) for name in ROLES}


def assign_role(user, role_name):
    """Put a user in a role's group, making them staff if the role needs it."""
    # Applied every time: Wagtail's migrations create an "Editors" group of
    # their own, which must not be taken as already set up.
    user.groups.add(apply_role(role_name))
    if ROLES[role_name].is_staff and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
