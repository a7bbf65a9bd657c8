"""Every URL of Oscar's dashboard, found by walking the URL resolver, with one
real object behind each URL argument, so permission tests cover each view
that exists rather than a list that a new view could slip past."""

from dataclasses import dataclass
from decimal import Decimal as D

from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from oscar.apps.communication.models import CommunicationEventType
from oscar.test import factories as oscar_factories

from shop.order.models import OrderNote
from tests.factories_shop import (
    PartnerFactory,
    ProductFactory,
    make_category,
    make_product,
)

# Reachable without signing in: the dashboard's own login and logout.
PUBLIC_DASHBOARD_URLS = {"login", "logout"}


@dataclass(frozen=True)
class DashboardURL:
    name: str
    route: str
    view_class: type
    arguments: tuple

    @property
    def accepts_post(self):
        return "post" in self.view_class.http_method_names and hasattr(
            self.view_class, "post"
        )

    def __str__(self):
        return f"dashboard:{self.name} ({self.route})"


def dashboard_urls():
    """Each URL pattern in the "dashboard" namespace, in the resolver's order."""
    found = []

    def walk(resolver, route, in_dashboard):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern,
                    route + str(pattern.pattern),
                    in_dashboard or pattern.namespace == "dashboard",
                )
            elif isinstance(pattern, URLPattern) and in_dashboard:
                found.append(
                    DashboardURL(
                        name=pattern.name,
                        route=route + str(pattern.pattern),
                        view_class=pattern.callback.view_class,
                        arguments=tuple(sorted(pattern.pattern.regex.groupindex)),
                    )
                )

    walk(get_resolver(), "", False)
    return found


def make_dashboard_objects():
    """One of each object a dashboard URL names, keyed by URL argument."""
    product = make_product(title="Lumbar roll")
    parent = ProductFactory(structure="parent", title="Back brace")
    category = make_category("Braces")
    option_group = oscar_factories.AttributeOptionGroupFactory()
    option = oscar_factories.OptionFactory()
    customer = oscar_factories.UserFactory(email="customer@example.com")
    order = oscar_factories.create_order(user=customer)
    note = OrderNote.objects.create(order=order, user=customer, message="Call first")
    partner = PartnerFactory(name="Spine supplies")
    partner_user = oscar_factories.UserFactory(email="partner@example.com")
    partner.users.add(partner_user)
    offer = oscar_factories.create_offer()
    review = oscar_factories.ProductReviewFactory(product=product, user=customer)
    voucher = oscar_factories.VoucherFactory()
    voucher_set = oscar_factories.VoucherSetFactory(count=1)
    method = oscar_factories.create_shipping_weight_based()
    band = oscar_factories.create_shipping_weight_band(
        D("5"), D("4.99"), weight_based=method
    )
    page = FlatPage.objects.create(url="/about-us/", title="About", content="Hi")
    page.sites.add(Site.objects.get_current())
    event_type = CommunicationEventType.objects.create(
        code="ORDER_PLACED", name="Order placed"
    )
    alert = oscar_factories.ProductAlertFactory(product=product, user=customer)
    return {
        "product": product,
        "parent_product": parent,
        "category": category,
        "option_group": option_group,
        "option": option,
        "order": order,
        "note": note,
        "customer": customer,
        "partner": partner,
        "partner_user": partner_user,
        "offer": offer,
        "range": offer.condition.range,
        "review": review,
        "voucher": voucher,
        "voucher_set": voucher_set,
        "method": method,
        "band": band,
        "page": page,
        "event_type": event_type,
        "alert": alert,
    }


def url_for(dashboard_url, objects):
    """The URL with real objects' keys filled in, or a clear failure when a
    new dashboard URL takes an argument this module does not know yet."""
    o = objects
    arguments_by_name = {
        "catalogue-product": {"pk": o["product"].pk},
        "catalogue-product-create": {
            "product_class_slug": o["product"].product_class.slug
        },
        "catalogue-product-create-child": {"parent_pk": o["parent_product"].pk},
        "catalogue-product-delete": {"pk": o["product"].pk},
        "catalogue-category-detail-list": {"pk": o["category"].pk},
        "catalogue-category-create-child": {"parent": o["category"].pk},
        "catalogue-category-update": {"pk": o["category"].pk},
        "catalogue-category-delete": {"pk": o["category"].pk},
        "catalogue-class-update": {"pk": o["product"].product_class.pk},
        "catalogue-class-delete": {"pk": o["product"].product_class.pk},
        "catalogue-attribute-option-group-update": {"pk": o["option_group"].pk},
        "catalogue-attribute-option-group-delete": {"pk": o["option_group"].pk},
        "catalogue-option-update": {"pk": o["option"].pk},
        "catalogue-option-delete": {"pk": o["option"].pk},
        "order-detail": {"number": o["order"].number},
        "order-detail-note": {
            "number": o["order"].number,
            "note_id": o["note"].pk,
        },
        "order-line-detail": {
            "number": o["order"].number,
            "line_id": o["order"].lines.first().pk,
        },
        "order-shipping-address": {"number": o["order"].number},
        "user-detail": {"pk": o["customer"].pk},
        "user-password-reset": {"pk": o["customer"].pk},
        "user-alert-delete": {"pk": o["alert"].pk},
        "user-alert-update": {"pk": o["alert"].pk},
        "page-update": {"pk": o["page"].pk},
        "page-delete": {"pk": o["page"].pk},
        "partner-manage": {"pk": o["partner"].pk},
        "partner-delete": {"pk": o["partner"].pk},
        "partner-user-create": {"partner_pk": o["partner"].pk},
        "partner-user-select": {"partner_pk": o["partner"].pk},
        "partner-user-link": {
            "partner_pk": o["partner"].pk,
            "user_pk": o["customer"].pk,
        },
        "partner-user-unlink": {
            "partner_pk": o["partner"].pk,
            "user_pk": o["partner_user"].pk,
        },
        "partner-user-update": {
            "partner_pk": o["partner"].pk,
            "user_pk": o["partner_user"].pk,
        },
        "offer-metadata": {"pk": o["offer"].pk},
        "offer-condition": {"pk": o["offer"].pk},
        "offer-benefit": {"pk": o["offer"].pk},
        "offer-restrictions": {"pk": o["offer"].pk},
        "offer-delete": {"pk": o["offer"].pk},
        "offer-detail": {"pk": o["offer"].pk},
        "range-update": {"pk": o["range"].pk},
        "range-delete": {"pk": o["range"].pk},
        "range-products": {"pk": o["range"].pk},
        "range-reorder": {"pk": o["range"].pk},
        "reviews-update": {"pk": o["review"].pk},
        "reviews-delete": {"pk": o["review"].pk},
        "voucher-update": {"pk": o["voucher"].pk},
        "voucher-delete": {"pk": o["voucher"].pk},
        "voucher-stats": {"pk": o["voucher"].pk},
        "voucher-set-update": {"pk": o["voucher_set"].pk},
        "voucher-set-detail": {"pk": o["voucher_set"].pk},
        "voucher-set-download": {"pk": o["voucher_set"].pk},
        "voucher-set-delete": {"pk": o["voucher_set"].pk},
        "comms-update": {"slug": o["event_type"].code},
        "shipping-method-detail": {"pk": o["method"].pk},
        "shipping-method-edit": {"pk": o["method"].pk},
        "shipping-method-delete": {"pk": o["method"].pk},
        "shipping-method-band-edit": {
            "method_pk": o["method"].pk,
            "pk": o["band"].pk,
        },
        "shipping-method-band-delete": {
            "method_pk": o["method"].pk,
            "pk": o["band"].pk,
        },
    }
    if not dashboard_url.arguments:
        return reverse(f"dashboard:{dashboard_url.name}")
    kwargs = arguments_by_name.get(dashboard_url.name)
    assert kwargs is not None and set(kwargs) == set(dashboard_url.arguments), (
        f"{dashboard_url} takes {dashboard_url.arguments}: add an object for it "
        "to tests/security/dashboard_urls.py"
    )
    # Two patterns share a name when one takes arguments and one does not
    # (catalogue-product-create): reverse picks by the arguments given.
    return reverse(f"dashboard:{dashboard_url.name}", kwargs=kwargs)
