"""A callout's add-to-basket form and "View product" link carry the article
and callout; the basket line remembers them only when they are real."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageViewRestriction

from attribution.models import BasketLineCallout, CalloutDay
from shop.basket.models import Line
from tests.factories_shop import make_product
from tests.integration.callouts.conftest import paragraph, product_callout
from tests.integration.callouts.helpers import form_data

from .conftest import callout_form

pytestmark = pytest.mark.django_db


def test_callout_add_remembers_article_and_callout_on_the_basket_line(
    client, make_article, add_from_callout
):
    roller = make_product(title="Foam roller")
    article = make_article(paragraph("Roll slowly."), product_callout(roller.pk))

    add_from_callout(client, article, roller)

    touch = BasketLineCallout.objects.get()
    assert touch.line == Line.objects.get(product=roller)
    assert (touch.page_id, touch.block_id) == (article.pk, "b1")
    day = CalloutDay.objects.get()
    assert (day.page_id, day.block_id, day.adds) == (article.pk, "b1", 1)


def test_callout_markup_names_the_callout_and_view_product_carries_it(
    client, make_article
):
    roller = make_product(title="Foam roller")
    article = make_article(product_callout(roller.pk))

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")

    callout = soup.select_one("[data-callout]")
    assert callout["data-callout-id"] == "b0"
    assert callout["data-callout-via"] == f"{article.pk}.b0"
    form = callout.select_one("form.product-card__add")
    assert form.select_one("[name=callout_page]")["value"] == str(article.pk)
    assert form.select_one("[name=callout_block]")["value"] == "b0"
    details = callout.select_one("a.product-card__details")["href"]
    assert details == f"{roller.get_absolute_url()}?via={article.pk}.b0"


def test_product_page_add_passes_on_the_callout(client, make_article):
    """What site.js copies from ?via= into the product page's add form."""
    roller = make_product(title="Foam roller")
    article = make_article(product_callout(roller.pk))
    response = client.post(
        reverse("basket:add", kwargs={"pk": roller.pk}),
        {"quantity": 2, "callout_page": article.pk, "callout_block": "b0"},
    )
    assert response.status_code == 302
    assert BasketLineCallout.objects.get().block_id == "b0"


def test_add_without_a_callout_is_not_remembered(client, make_article):
    roller = make_product(title="Foam roller")
    make_article(product_callout(roller.pk))
    response = client.post(
        reverse("basket:add", kwargs={"pk": roller.pk}), {"quantity": 1}
    )
    assert response.status_code == 302
    assert Line.objects.filter(product=roller).exists()
    assert not BasketLineCallout.objects.exists()
    assert not CalloutDay.objects.exists()


FORGERIES = {
    "not a number": lambda article, home: ("abc", "b0"),
    "no such page": lambda article, home: (article.pk + 1000, "b0"),
    "a page that is not an article": lambda article, home: (home.pk, "b0"),
    "no such block": lambda article, home: (article.pk, "b9"),
    "a block that is not a callout": lambda article, home: (article.pk, "b1"),
    "a block id with markup": lambda article, home: (article.pk, "<b0>"),
    "an overlong block id": lambda article, home: (article.pk, "b" * 500),
    "an empty block id": lambda article, home: (article.pk, ""),
}


@pytest.mark.parametrize("forgery", FORGERIES)
def test_forged_callouts_are_ignored(client, make_article, home_page, forgery):
    roller = make_product(title="Foam roller")
    article = make_article(product_callout(roller.pk), paragraph("Roll slowly."))
    page_id, block_id = FORGERIES[forgery](article, home_page)

    response = client.post(
        reverse("basket:add", kwargs={"pk": roller.pk}),
        {"quantity": 1, "callout_page": page_id, "callout_block": block_id},
    )

    assert response.status_code == 302
    assert Line.objects.filter(product=roller).exists()
    assert not BasketLineCallout.objects.exists()
    assert not CalloutDay.objects.exists()


def test_draft_and_restricted_articles_are_not_credited(
    client, make_article, add_from_callout
):
    roller = make_product(title="Foam roller")
    restricted = make_article(product_callout(roller.pk))
    action, data = callout_form(client, restricted, roller)
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    draft = make_article(product_callout(roller.pk))
    draft.unpublish()

    for page_id in (restricted.pk, draft.pk):
        data.update(callout_page=page_id)
        assert client.post(action, data).status_code == 302

    assert Line.objects.get(product=roller).quantity == 2
    assert not BasketLineCallout.objects.exists()


def test_without_a_script_the_confirmation_step_keeps_the_callout(client, make_article):
    roller = make_product(title="Foam roller")
    article = make_article(product_callout(roller.pk))
    action, data = callout_form(client, article, roller)

    confirm = client.get(action, data)  # the form as sent without site.js
    assert confirm.status_code == 200
    action, data = confirm_form(confirm)
    assert client.post(action, data).status_code == 302

    touch = BasketLineCallout.objects.get()
    assert (touch.page_id, touch.block_id) == (article.pk, "b0")


def confirm_form(response):
    html = response.content.decode()
    form = BeautifulSoup(html, "html.parser").select_one("form.confirm-form")
    return form["action"], form_data(html, "form.confirm-form")
