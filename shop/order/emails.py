"""Emails to the customer as their order moves on: payment received,
dispatched (with the tracking link), cancelled, refunded, and a return
accepted or declined. Like every email they are queued for the task worker
(site_project/email.py)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse


def status_url(order):
    """The order's page: the account page, or the guest's signed link."""
    if order.user_id:
        path = reverse("customer:order", kwargs={"order_number": order.number})
    else:
        path = reverse(
            "customer:anon-order",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    return settings.SITE_URL.rstrip("/") + path


def send_order_email(order, kind, **context):
    """Send templates/shop/emails/order_<kind>.txt; its first line is the
    subject."""
    if not order.email:
        return
    text = render_to_string(
        f"shop/emails/order_{kind}.txt",
        {"order": order, "status_url": status_url(order), **context},
    )
    subject, _, body = text.partition("\n")
    EmailMessage(
        subject=subject.strip(),
        body=body.lstrip("\n"),
        from_email=settings.OSCAR_FROM_EMAIL,
        to=[order.email],
    ).send()
