"""Header suggestions, and Oscar's search sending shoppers to /search/."""

import pytest

pytestmark = pytest.mark.django_db


def test_suggestions_complete_titles_of_both_kinds(client, make_article, make_product):
    article = make_article("Decompression at home")
    product = make_product("Decompression belt")
    make_product("Hidden decompression rig", is_public=False)
    make_article("Decompression draft", live=False)

    response = client.get("/search/suggest/", {"q": "decomp"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    suggestions = response.json()["suggestions"]
    assert {"title": article.title, "url": article.url, "kind": "article"} in (
        suggestions
    )
    assert {
        "title": "Decompression belt",
        "url": product.get_absolute_url(),
        "kind": "product",
    } in suggestions
    assert len(suggestions) == 2


def test_suggestions_complete_the_last_word_of_several(client, make_article):
    make_article("Lower back pain at work")

    suggestions = client.get("/search/suggest/", {"q": "lower ba"}).json()

    assert [s["title"] for s in suggestions["suggestions"]] == [
        "Lower back pain at work"
    ]


@pytest.mark.parametrize("query", ["", "a", '"', "*", "<script>", "x" * 5000])
def test_suggestions_for_odd_input_are_an_empty_list(client, query):
    response = client.get("/search/suggest/", {"q": query})

    assert response.status_code == 200
    assert response.json() == {"suggestions": []}


def test_suggestions_are_capped_per_kind(client, make_product):
    for n in range(9):
        make_product(f"Resistance band {n}")

    suggestions = client.get("/search/suggest/", {"q": "resist"}).json()

    assert len(suggestions["suggestions"]) == 5


def test_oscar_search_sends_shoppers_to_site_search_for_products(client):
    response = client.get("/shop/search/", {"q": "lumbar roll"})

    assert response.status_code == 302
    assert response["Location"] == "/search/?q=lumbar+roll&kind=products"


def test_oscar_search_results_are_the_site_search_results(client, make_product):
    product = make_product("Lumbar roll")

    response = client.get("/shop/search/", {"q": "lumbar"}, follow=True)

    assert response.status_code == 200
    assert f'data-product-id="{product.pk}"' in response.content.decode()
    assert 'data-search-kind="products"' in response.content.decode()


def test_oscar_search_form_without_query_still_lands_on_search(client):
    response = client.get("/shop/search/")

    assert response.status_code == 302
    assert response["Location"] == "/search/?q=&kind=products"
