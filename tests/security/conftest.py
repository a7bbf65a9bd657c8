"""Users in each staff role, built through site_project.roles like a real
deployment."""

import pytest
from django.contrib.auth import get_user_model

from site_project.roles import (
    CATALOGUE_MANAGERS,
    CUSTOMER_SERVICE,
    EDITORS,
    assign_role,
)

# The browser fixtures, for test_csp_in_browser.py.
from tests.e2e.conftest import empty_cache, page, site_tree  # noqa: F401


def make_user(username, role=None, **flags):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="x", **flags
    )
    if role:
        assign_role(user, role)
    return user


@pytest.fixture
def role_users(home_page):
    """One user per role, keyed by the names used in the permission matrix."""
    return {
        "anonymous": None,
        "editor": make_user("editor", EDITORS),
        "catalogue": make_user("catalogue", CATALOGUE_MANAGERS),
        "service": make_user("service", CUSTOMER_SERVICE),
        "superuser": make_user("root", is_staff=True, is_superuser=True),
    }
