"""The privacy page tells readers what attribution keeps and for how long."""

import pytest
from django.conf import settings

from demo.shop_pages import ensure_shop_pages

pytestmark = pytest.mark.django_db


def test_privacy_page_describes_attribution(client, home_page):
    ensure_shop_pages(home_page)
    text = client.get("/privacy/").content.decode()
    assert "Which articles lead to sales" in text
    assert "sets no cookie, stores no IP address" in text
    assert f"After {settings.ATTRIBUTION_RETENTION_DAYS} days" in text
