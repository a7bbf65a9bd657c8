"""Nothing lives in a web process: two gunicorn processes share baskets and
sessions, and mail leaves through the separate task worker."""

import html
import json
import mailbox
import secrets
import time

import pytest

from .conftest import Visitor, csrf_token, wait_until

pytestmark = pytest.mark.stack

CREATE_CUSTOMER = """
import json
from django.contrib.auth import get_user_model

get_user_model().objects.create_user(
    username="{email}", email="{email}", password="{password}"
)
print(json.dumps(True))
"""

LAST_EMAIL_TASK = """
import json
from django_tasks_db.models import DBTaskResult

task = DBTaskResult.objects.filter(
    task_path="site_project.email.deliver_email"
).order_by("-enqueued_at").first()
print(json.dumps({"status": task.status, "worker_ids": task.worker_ids}))
"""


@pytest.fixture
def shopper_with_a_basket(stack, site):
    """A visitor who added the product to the basket on the first gunicorn."""
    first = stack.gunicorn_urls[0]
    shopper = Visitor()
    token = csrf_token(shopper.get(f"{first}/shop/accounts/login/").text)
    response = shopper.post(
        f"{first}/shop/basket/add/{site['product']['id']}/",
        {"csrfmiddlewaretoken": token, "quantity": "2"},
    )
    assert response.status == 302, response.describe()
    return shopper


def test_basket_started_on_one_gunicorn_is_on_the_basket_page_of_the_other(
    stack, site, shopper_with_a_basket
):
    page = shopper_with_a_basket.get(f"{stack.gunicorn_urls[1]}/shop/basket/")

    assert page.status == 200
    assert html.escape(site["product"]["title"]) in page.text


def test_visitor_endpoint_of_the_other_gunicorn_counts_the_basket(
    stack, shopper_with_a_basket
):
    response = shopper_with_a_basket.get(f"{stack.gunicorn_urls[1]}/visitor/")

    assert response.status == 200, response.describe()
    assert json.loads(response.text)["basket"]["num_items"] == 2


def test_password_reset_mail_is_sent_by_the_task_worker(stack):
    email = f"stack-{secrets.token_hex(4)}@backbone.invalid"
    stack.shell(CREATE_CUSTOMER.format(email=email, password=secrets.token_hex(16)))
    visitor = Visitor()
    form = visitor.get(f"{stack.gunicorn_urls[0]}/shop/password-reset/")

    response = visitor.post(
        f"{stack.gunicorn_urls[0]}/shop/password-reset/",
        {"csrfmiddlewaretoken": csrf_token(form.text), "email": email},
    )

    assert response.status == 302, response.describe()
    received = []

    def delivered():
        received[:] = [
            message
            for message in mailbox.Maildir(stack.mail_dir, create=False)
            if message["To"] == email
        ]
        return bool(received)

    assert wait_until(time.time() + 30, delivered), f"no mail reached {email}"
    body = "".join(
        part.get_payload(decode=True).decode()
        for part in received[0].walk()
        if part.get_content_type() == "text/plain"
    )
    assert f"{stack.url}/shop/password-reset/" in body
    task = stack.shell(LAST_EMAIL_TASK)
    assert task["status"] == "SUCCESSFUL" and task["worker_ids"], task
