"""Whatever is typed into the box, the answer is a page, never a 500."""

import pytest

from site_project.search_terms.query import MAX_QUERY_LENGTH, clean_query

pytestmark = pytest.mark.django_db


def test_empty_query_invites_a_search(client, make_article):
    make_article("Breathing and the core")

    response = client.get("/search/", {"q": "   "})

    assert response.status_code == 200
    html = response.content.decode()
    assert "What are you looking for?" in html
    assert "Breathing and the core" in html.split("data-popular-articles", 1)[1]


def test_missing_query_is_the_same_as_empty(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert "What are you looking for?" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"decompression',
        'decompression"',
        '"lower back"',
        "decomp*",
        "*",
        "back AND NOT pain OR (",
        "NEAR(back pain)",
        "title:back",
        "back & pain | !neck",
        "'; DROP TABLE catalogue_product; --",
        "1' OR '1'='1",
        "back\\",
        "%_%",
        "\x00back",
        "back:*",
        "💥 back",
    ],
)
def test_special_characters_never_break_the_search(client, make_article, query):
    article = make_article("Lower back decompression")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    # Every word left after cleaning must match, as for any other query.
    words = set(clean_query(query).lower().split())
    if words and words <= {"lower", "back", "decompression"}:
        assert f'data-article-id="{article.pk}"' in response.content.decode()


def test_quotes_search_the_words_inside(client, make_article):
    article = make_article("Lower back decompression")

    response = client.get("/search/", {"q": '"lower back"'})

    assert f'data-article-id="{article.pk}"' in response.content.decode()


def test_html_in_the_query_is_escaped_everywhere(client, make_article):
    make_article("Script-free back care")
    query = '<script>alert("x")</script> back'

    response = client.get("/search/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; back" in html


def test_html_in_a_title_is_escaped(client, make_article, make_product):
    make_article("<b>Bold</b> claims about posture")
    make_product("<img src=x onerror=alert(1)> posture pillow")

    html = client.get("/search/", {"q": "posture"}).content.decode()

    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; claims about posture" in html
    assert "<img src=x" not in html


def test_very_long_query_is_cut_not_refused(client, make_article):
    article = make_article("Core bracing basics")
    query = "core " + "x" * 10_000

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert len(clean_query(query)) <= MAX_QUERY_LENGTH
    html = response.content.decode()
    # The cut word matches nothing: the article holds only "core".
    assert "data-search-partial" in html
    assert f'data-article-id="{article.pk}"' in html


def test_long_query_keeps_its_first_words():
    words = " ".join(f"word{n}" for n in range(100))

    cleaned = clean_query(words)

    assert cleaned.startswith("word0 word1 word2")
    assert len(cleaned.split()) == 12


def test_unknown_kind_shows_all_kinds(client, make_article, make_product):
    make_article("Glute bridges")
    make_product("Glute band")

    response = client.get("/search/", {"q": "glute", "kind": "<people>"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-search-kind="all"' in html
    assert 'data-result-kind="article"' in html
    assert 'data-result-kind="product"' in html
    assert "<people>" not in html


@pytest.mark.parametrize("page", ["2", "999", "99999999999999999999999"])
def test_page_past_the_end_is_a_404_with_a_way_back(client, make_article, page):
    make_article("Plank variations")

    response = client.get("/search/", {"q": "plank", "page": page})

    assert response.status_code == 404
    html = response.content.decode()
    assert "data-search-error" in html
    assert 'href="/search/?q=plank"' in html
    if len(page) < 9:
        assert f"There is no page {page} of these results" in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "²", "<b>"])
def test_page_that_is_not_a_number_is_a_404_with_a_message(client, page):
    response = client.get("/search/", {"q": "plank", "page": page})

    assert response.status_code == 404
    html = response.content.decode()
    assert "That is not a page number." in html
    assert "<b>" not in html.split("<main", 1)[1]


def test_past_the_end_on_empty_results_is_still_a_page(client):
    response = client.get("/search/", {"q": "nothingmatches", "page": 3})

    assert response.status_code == 200
    assert "Nothing matches" in response.content.decode()


def test_post_is_refused(client):
    assert client.post("/search/", {"q": "back"}).status_code == 405
