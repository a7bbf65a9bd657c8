"""Only what a visitor may see is found, and the index follows every change."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.test.factories import create_product
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return set(
        re.findall(r'data-(article|product)-id="(\d+)"', response.content.decode())
    )


def test_draft_article_is_not_found(client, make_article):
    make_article("Thoracic mobility drills", live=False)

    assert found(client, "thoracic") == set()


def test_private_article_is_not_found(client, make_article):
    article = make_article("Thoracic rotation")
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )

    assert found(client, "thoracic") == set()


def test_non_public_product_is_not_found(client, make_product):
    make_product("Hidden prototype brace", is_public=False)

    assert found(client, "prototype") == set()


def test_variant_is_found_through_its_parent_only(client):
    parent = create_product(title="Lumbar belt", structure="parent")
    create_product(title="Lumbar belt size M", parent=parent, price=30)

    assert found(client, "lumbar") == {("product", str(parent.pk))}


def test_published_article_appears_at_once(client, make_article):
    article = make_article("Piriformis release", live=False)
    assert found(client, "piriformis") == set()

    article.save_revision().publish()

    assert found(client, "piriformis") == {("article", str(article.pk))}


def test_unpublished_article_disappears(client, make_article):
    article = make_article("Piriformis stretch")
    assert found(client, "piriformis") == {("article", str(article.pk))}

    article.unpublish()

    assert found(client, "piriformis") == set()


def test_republished_title_is_searchable_under_the_new_words(client, make_article):
    article = make_article("Morning routine")
    article.title = "Morning mobility routine"
    article.save_revision().publish()

    assert found(client, "mobility") == {("article", str(article.pk))}


def test_product_made_non_public_disappears(client, make_product):
    product = make_product("Posture shirt")
    assert found(client, "posture") == {("product", str(product.pk))}

    product.is_public = False
    product.save()

    assert found(client, "posture") == set()


def test_deleted_product_disappears(client, make_product):
    product = make_product("Massage ball")
    product.delete()

    assert found(client, "massage") == set()


FORM_NAMES = [
    "form",
    "category_formset",
    "image_formset",
    "recommended_formset",
    "stockrecord_formset",
]


def formset_post_data(context, form_names):
    """POST data that resubmits a dashboard page's forms as rendered, without
    the blank extra forms of each formset."""
    data = {}
    for name in form_names:
        form_or_formset = context[name]
        if hasattr(form_or_formset, "management_form"):
            prefix = form_or_formset.prefix
            forms = form_or_formset.initial_forms
            data[f"{prefix}-TOTAL_FORMS"] = len(forms)
            data[f"{prefix}-INITIAL_FORMS"] = len(forms)
        else:
            forms = [form_or_formset]
        for form in forms:
            for field in form:
                value = field.value()
                if value is None or value is False:
                    continue
                if isinstance(value, list | tuple):
                    data[field.html_name] = [str(v) for v in value]
                else:
                    data[field.html_name] = value
    return data


def test_product_saved_in_oscar_dashboard_is_found_at_once(client, make_product):
    product = make_product("Standing desk mat")
    # Oscar's form requires a category for a stand-alone product.
    product.categories.add(create_from_breadcrumbs("Mats"))
    staff = User.objects.create_superuser("staff", "staff@example.com", "pw")
    client.force_login(staff)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    page = client.get(url)
    assert page.status_code == 200
    data = formset_post_data(page.context, FORM_NAMES)
    data["title"] = "Anti-fatigue standing mat"

    response = client.post(url, data)

    assert response.status_code == 302, [
        (name, response.context[name].errors) for name in FORM_NAMES
    ] + [response.context["category_formset"].non_form_errors()]
    client.logout()
    assert found(client, "fatigue") == {("product", str(product.pk))}
    assert found(client, "desk") == set()
