"""Who changed what and when: dashboard changes to the catalogue, prices,
stock, order status and accounts leave an audit log entry naming the staff
member, which superusers read in /django-admin/ (issue 17, Low finding)."""

from decimal import Decimal as D

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from oscar.test.factories import UserFactory, create_order

from shop.catalogue.models import Category, ProductAttribute
from shop.order.models import Order
from shop.partner.models import StockRecord
from tests.integration.shop.test_dashboard_catalogue import (
    categorised_product,
    form_data,
)
from tests.security.test_dashboard_write_permissions import staff_with

pytestmark = pytest.mark.django_db


def entries_for(instance):
    return LogEntry.objects.get_for_object(instance).order_by("pk")


def last_change(instance):
    entry = entries_for(instance).last()
    assert entry is not None, f"no audit log entry for {instance!r}"
    return entry


def test_product_edit_logs_title_price_stock_and_attribute(client, role_users):
    product = categorised_product(title="Foam roller", price="20.00")
    ProductAttribute.objects.create(
        product_class=product.product_class, name="Material", code="material"
    )
    manager = role_users["catalogue"]
    client.force_login(manager)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(client.get(url))
    data.update(
        {
            "title": "Foam roller XL",
            "attr_material": "EVA foam",
            "stockrecords-0-price": "24.50",
            "stockrecords-0-num_in_stock": "3",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context_data["form"].errors

    title = last_change(product)
    assert title.actor == manager
    assert title.changes_dict["title"] == ["Foam roller", "Foam roller XL"]

    stock = last_change(StockRecord.objects.get(product=product))
    assert stock.actor == manager
    assert stock.changes_dict["price"] == ["20.00", "24.50"]
    assert stock.changes_dict["num_in_stock"] == ["10", "3"]

    attribute = last_change(product.attribute_values.get())
    assert attribute.actor == manager
    assert attribute.action == LogEntry.Action.CREATE
    assert attribute.changes_dict["value_text"] == ["None", "EVA foam"]


def test_bulk_price_change_logs_each_stock_record(client, role_users):
    products = [categorised_product(price="10.00") for _ in range(2)]
    partner = StockRecord.objects.get(product=products[0]).partner
    manager = role_users["catalogue"]
    client.force_login(manager)
    selected = [product.pk for product in products]
    response = client.post(
        reverse("dashboard:catalogue-product-list"),
        {"action": "set_product_price", "selected_product": selected},
    )
    assert response.status_code == 302
    confirm_url = response["Location"]
    response = client.post(
        confirm_url,
        {"selected_products": selected, "partners": [partner.pk], "new_price": "12"},
    )
    assert response.status_code == 302, response.context_data["form"].errors
    for product in products:
        record = StockRecord.objects.get(product=product)
        assert record.price == D("12.00")
        entry = last_change(record)
        assert entry.actor == manager
        assert entry.changes_dict["price"] == ["10.00", "12.00"]


def test_category_edit_and_bulk_unpublish_are_logged(client, role_users):
    category = Category.add_root(name="Braces")
    manager = role_users["catalogue"]
    client.force_login(manager)
    url = reverse("dashboard:catalogue-category-update", kwargs={"pk": category.pk})
    data = form_data(client.get(url))
    data["name"] = "Back braces"
    response = client.post(url, data)
    assert response.status_code == 302, response.context_data["form"].errors
    edit = last_change(category)
    assert edit.actor == manager
    assert edit.changes_dict["name"] == ["Braces", "Back braces"]

    response = client.post(
        reverse("dashboard:catalogue-category-list"),
        {"action": "make_non_public", "selected_category": [category.pk]},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert not category.is_public
    unpublish = last_change(category)
    assert unpublish.pk != edit.pk
    assert unpublish.actor == manager
    assert unpublish.changes_dict["is_public"] == ["True", "False"]


def test_order_status_change_is_logged(client, role_users, home_page):
    order = create_order()
    assert order.status == "Pending payment"
    service = role_users["service"]
    client.force_login(service)
    response = client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "change_order_status", "new_status": "Cancelled"},
    )
    assert response.status_code == 302
    order = Order.objects.get(pk=order.pk)
    assert order.status == "Cancelled"
    entry = last_change(order)
    assert entry.actor == service
    assert entry.changes_dict["status"] == ["Pending payment", "Cancelled"]


def test_dashboard_deactivation_and_reactivation_are_logged(client):
    customer = UserFactory(email="customer@example.com")
    staff = staff_with("auth.view_user", "auth.change_user")
    client.force_login(staff)
    for action in ("make_inactive", "make_active"):
        response = client.post(
            reverse("dashboard:users-index"),
            {"action": action, "selected_user": [customer.pk]},
        )
        assert response.status_code == 302
    deactivated, reactivated = (
        entry
        for entry in entries_for(customer).filter(action=LogEntry.Action.UPDATE)
        if "is_active" in entry.changes_dict
    )
    assert deactivated.actor == reactivated.actor == staff
    assert deactivated.changes_dict["is_active"] == ["True", "False"]
    assert reactivated.changes_dict["is_active"] == ["False", "True"]


def test_password_changes_are_logged_without_the_hash(client):
    customer = UserFactory(email="customer@example.com")
    customer.set_password("a new secret")
    customer.save()
    entry = last_change(customer)
    assert entry.changes_dict["password"] == ["(hidden)", "(hidden)"]
    assert customer.password[-12:] not in str(entry.changes)


def test_superusers_read_the_audit_log_in_django_admin(client, role_users):
    category = Category.add_root(name="Braces")
    client.force_login(role_users["superuser"])
    response = client.post(
        reverse("dashboard:catalogue-category-list"),
        {"action": "make_non_public", "selected_category": [category.pk]},
    )
    assert response.status_code == 302
    entry = last_change(category)

    listing = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert listing.status_code == 200
    assert "Braces" in listing.content.decode()
    detail = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    assert "is_public" in detail.content.decode().lower().replace(" ", "_")


def test_staff_roles_cannot_read_the_audit_log(client, role_users):
    url = reverse("admin:auditlog_logentry_changelist")
    for role in ("editor", "catalogue", "service"):
        client.force_login(role_users[role])
        assert client.get(url).status_code == 403, role
