"""Roles as a person meets them: each staff role reaches its own area and is
turned away from the others (groups from site_project/roles.py via setup_roles)."""

import re

from playwright.sync_api import expect

from blog.models import ArticlePage
from site_project.roles import CATALOGUE_MANAGERS, EDITORS
from tests.conftest import ensure_site_tree
from tests.e2e.conftest import (
    make_staff,
    screenshot,
    sign_in_to_cms,
    sign_in_to_shop,
)

CATALOGUE = "/shop/dashboard/catalogue/"


def test_editor_cannot_open_the_dashboard_catalogue(page, new_page):
    editor = make_staff("editor", EDITORS)
    manager = make_staff("catalogue", CATALOGUE_MANAGERS)

    sign_in_to_cms(page, editor)
    response = page.goto(CATALOGUE)
    assert response.status == 403, response.status
    expect(page.locator("body")).not_to_contain_text("Create new Product")
    screenshot(page, "roles-editor-catalogue-refused")

    # The same page opens for a catalogue manager.
    other = new_page()
    sign_in_to_shop(other, manager, next_path=CATALOGUE)
    expect(other).to_have_url(re.compile(re.escape(CATALOGUE) + "$"))
    expect(other.get_by_role("heading", level=1)).to_contain_text("Products")


def test_catalogue_manager_cannot_publish_an_article(page):
    manager = make_staff("catalogue", CATALOGUE_MANAGERS)
    _home, index = ensure_site_tree()
    draft = ArticlePage(title="Stretches after work", slug="stretches", live=False)
    index.add_child(instance=draft)
    draft.save_revision()

    sign_in_to_shop(page, manager, next_path="/shop/dashboard/")
    expect(page).to_have_url(re.compile(r"/shop/dashboard/$"))

    # The page editor is out of reach.
    response = page.goto(f"/cms/pages/{draft.pk}/edit/")
    assert response.status == 403, response.status
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "You do not have permission"
    )
    expect(page.locator("form#page-edit-form")).to_have_count(0)
    screenshot(page, "roles-manager-cms-refused")

    # Posting the publish action directly changes nothing either.
    csrf = next(
        cookie["value"]
        for cookie in page.context.cookies()
        if cookie["name"] == "csrftoken"
    )
    response = page.request.post(
        f"/cms/pages/{draft.pk}/edit/",
        form={
            "title": "Stretches after work",
            "slug": "stretches",
            "action-publish": "1",
        },
        headers={"X-CSRFToken": csrf},
    )
    assert response.status == 403, response.status
    draft.refresh_from_db()
    assert not draft.live
    assert page.goto("/articles/stretches/").status == 404
