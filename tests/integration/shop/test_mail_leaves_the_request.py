"""A mail server that accepts and never answers costs shoppers nothing: mail is
queued in the request and the task worker sends it, with a timeout and
retries (site_project/email.py)."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from shop.order.models import Order
from tests.conftest import ensure_base_data
from tests.factories_shop import make_product
from tests.integration.shop.helpers import guest_checkout

pytestmark = pytest.mark.django_db(transaction=True)

DELIVER = "site_project.email.deliver_email"


class SilentMailServer:
    """Accepts SMTP connections on loopback and never says a word."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        for connection in self.connections:
            connection.close()
        self.socket.close()


@pytest.fixture
def silent_mail_server(settings):
    server = SilentMailServer()
    settings.EMAIL_BACKEND = "site_project.email.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ensure_base_data()
    yield server
    server.close()


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def test_checkout_does_not_wait_for_a_silent_mail_server(
    client, settings, silent_mail_server
):
    product = make_product(title="Heat wrap", price="20.00", num_in_stock=3)
    started = time.monotonic()
    response = guest_checkout(client, product, payment="bank-transfer")
    assert time.monotonic() - started < 30  # gunicorn's timeout; SMTP's is 1 s
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.number.encode() in client.get(response["Location"]).content
    assert silent_mail_server.connections == []  # the request never dialled
    queued = DBTaskResult.objects.get(task_path=DELIVER)

    run_worker()  # times out on the silent server and queues a second try

    assert len(silent_mail_server.connections) == 1
    queued.refresh_from_db()
    assert queued.status == "FAILED"
    retry = DBTaskResult.objects.filter(task_path=DELIVER).exclude(pk=queued.pk).get()
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert mail.outbox == []

    # The mail server is back; the retry is due.
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()

    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"
    (email,) = mail.outbox
    assert email.to == ["ada@example.com"]
    assert order.number in email.subject
    assert "Heat wrap" in email.alternatives[0][0]


def test_failed_delivery_stops_after_the_last_attempt(settings, silent_mail_server):
    settings.EMAIL_DELIVERY_ATTEMPTS = 2
    mail.send_mail("Subject", "Body", None, ["ada@example.com"])
    run_worker()
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    assert list(
        DBTaskResult.objects.filter(task_path=DELIVER)
        .order_by("enqueued_at")
        .values_list("status", flat=True)
    ) == ["FAILED", "FAILED"]


def test_password_reset_answers_at_once_for_known_and_unknown_emails(
    client, silent_mail_server
):
    get_user_model().objects.create_user(
        username="ada", email="ada@example.com", password="x-long-Passw0rd"
    )
    for email in ("ada@example.com", "nobody@example.com"):
        response = client.post(
            reverse("password-reset"), {"email": email}, follow=False
        )
        assert response.status_code == 302
    assert silent_mail_server.connections == []
    assert DBTaskResult.objects.filter(task_path=DELIVER).count() == 1
