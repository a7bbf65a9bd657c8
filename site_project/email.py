"""Mail leaves the request as a task, written in the request's transaction
(an order that rolls back sends nothing) and retried on failure."""

import base64
import logging
import smtplib
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.encoding import force_bytes
from django_tasks import task

logger = logging.getLogger(__name__)
# The arguments of EmailMessage that a task carries as they are.
MESSAGE_FIELDS = ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to")


def message_to_json(message):
    """The parts of an ``EmailMessage`` a task argument can carry (JSON)."""
    if any(isinstance(attachment, MIMEBase) for attachment in message.attachments):
        raise ValueError("MIME attachments cannot be queued; attach name and content.")
    return {
        **{name: getattr(message, name) for name in MESSAGE_FIELDS},
        "headers": dict(message.extra_headers),
        "alternatives": [list(part) for part in getattr(message, "alternatives", [])],
        "attachments": [
            [filename, base64.b64encode(force_bytes(content)).decode(), mimetype]
            for filename, content, mimetype in message.attachments
        ],
    }


def message_from_json(data):
    """The ``EmailMultiAlternatives`` that ``message_to_json`` described."""
    message = EmailMultiAlternatives(
        headers=data["headers"], **{name: data[name] for name in MESSAGE_FIELDS}
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def deliver_email(message, attempt=1):
    """Send one queued message; on a mail-server failure queue another try."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    try:
        connection.send_messages([message_from_json(message)])
    except (smtplib.SMTPException, OSError):
        retry_later = deliver_email.get_backend().supports_defer
        if not retry_later or attempt >= settings.EMAIL_DELIVERY_ATTEMPTS:
            logger.exception(
                "Email %r to %s not sent after %d attempts",
                message["subject"],
                message["to"],
                attempt,
            )
        else:
            delay = settings.EMAIL_RETRY_DELAY * 2 ** (attempt - 1)
            deliver_email.using(
                run_after=timezone.now() + timedelta(seconds=delay)
            ).enqueue(message, attempt=attempt + 1)
        raise


class TaskEmailBackend(BaseEmailBackend):
    """Queue each message as a ``deliver_email`` task instead of sending it."""

    def send_messages(self, email_messages):
        for message in email_messages:
            deliver_email.enqueue(message_to_json(message))
        return len(email_messages)
