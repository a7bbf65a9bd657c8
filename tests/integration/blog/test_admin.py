"""Editors create articles in the Wagtail admin; the tree rules hold."""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.blocks import ARTICLE_TEXT_FEATURES
from blog.models import (
    ArticleIndexPage,
    ArticlePage,
    Author,
    HomePage,
    StandardPage,
    Topic,
)
from tests.conftest import ensure_site_tree
from tests.factories_blog import (
    ArticlePageFactory,
    AuthorFactory,
    ReviewerFactory,
    TopicFactory,
)


class ArticleAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = ensure_site_tree()
        cls.editor = get_user_model().objects.create_superuser(
            username="editor", email="editor@example.com", password="pw-editor-1"
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def article_form_data(self, **overrides):
        author = AuthorFactory()
        topic = TopicFactory(name="Lower back", slug="lower-back")
        data = {
            "title": "Walking for back pain",
            "slug": "walking-for-back-pain",
            "standfirst": "Why a daily walk helps.",
            "hero_alt": "",
            "hero_caption": "",
            "author": str(author.pk),
            "tags": "walking, exercise",
            "date_published": "2026-04-01",
            "reviewer": str(ReviewerFactory().pk),
            "last_reviewed": "2026-04-02",
            "review_interval_months": "24",
            "references": streamfield(
                [
                    (
                        "reference",
                        {
                            "authors": "NHS",
                            "title": "Back pain",
                            "publisher": "NHS website",
                            "year": "",
                            "doi": "",
                            "pmid": "",
                            "url": "https://www.nhs.uk/conditions/back-pain/",
                        },
                    )
                ]
            ),
            "body": streamfield(
                [
                    (
                        "heading",
                        {"text": "Start small", "level": "h2", "anchor": ""},
                    ),
                    ("paragraph", rich_text("<p>Ten minutes is enough.</p>")),
                    (
                        "note",
                        {
                            "kind": "warning",
                            "title": "",
                            "text": rich_text("<p>See a doctor if it spreads.</p>"),
                        },
                    ),
                ]
            ),
            "comments": inline_formset([]),
        }
        data.update(overrides)
        data = nested_form_data(data)
        # A multiple choice posts one value per choice (nested_form_data
        # would number a list's items instead).
        data["topics"] = [str(topic.pk)]
        return data

    def test_editor_creates_and_publishes_an_article(self):
        self.assertCanCreate(self.index, ArticlePage, self.article_form_data())
        article = ArticlePage.objects.get(slug="walking-for-back-pain")
        self.assertTrue(article.live)
        self.assertEqual([topic.slug for topic in article.topics.all()], ["lower-back"])
        self.assertEqual(
            sorted(tag.name for tag in article.tags.all()), ["exercise", "walking"]
        )
        self.assertEqual(article.date_published, datetime.date(2026, 4, 1))
        # The heading's anchor was filled from its text when saved.
        self.assertEqual(article.table_of_contents, [("start-small", "Start small")])
        self.assertEqual(self.client.get(article.url).status_code, 200)

    def test_pasted_headings_become_heading_blocks_in_the_contents(self):
        pasted = (
            "<p>Why it matters.</p><h2>Start small</h2><p>Ten minutes.</p>"
            "<h3>Then more</h3><ul><li>Twenty</li></ul><h2>Start small</h2>"
        )
        data = self.article_form_data(
            body=streamfield(
                [
                    ("heading", {"text": "Why walk", "level": "h2", "anchor": ""}),
                    ("paragraph", rich_text(pasted, features=ARTICLE_TEXT_FEATURES)),
                ]
            )
        )
        self.assertCanCreate(self.index, ArticlePage, data)
        article = ArticlePage.objects.get(slug="walking-for-back-pain")
        self.assertEqual(
            [block.block_type for block in article.body],
            [
                "heading",
                "paragraph",
                "heading",
                "paragraph",
                "heading",
                "paragraph",
                "heading",
            ],
        )
        self.assertEqual(
            article.table_of_contents,
            [
                ("why-walk", "Why walk"),
                ("start-small", "Start small"),
                ("start-small-2", "Start small"),
            ],
        )
        self.assertEqual(article.body[4].value["level"], "h3")
        self.assertIn(">Twenty</li>", article.body[5].value.source)
        response = self.client.get(article.url)
        self.assertContains(response, 'id="start-small-2"')

    def test_duplicate_heading_anchors_are_a_form_error(self):
        data = self.article_form_data(
            body=streamfield(
                [
                    ("heading", {"text": "Rest", "level": "h2", "anchor": "rest"}),
                    ("heading", {"text": "Rest", "level": "h3", "anchor": ""}),
                ]
            )
        )
        url = f"/cms/pages/add/blog/articlepage/{self.index.pk}/"
        response = self.client.post(url, {**data, "action-publish": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ArticlePage.objects.filter(slug=data["slug"]).exists())
        self.assertIn("body", response.context["form"].errors)

    def test_bad_anchor_is_a_form_error(self):
        data = self.article_form_data(
            body=streamfield(
                [("heading", {"text": "Rest", "level": "h2", "anchor": "Not OK!"})]
            )
        )
        url = f"/cms/pages/add/blog/articlepage/{self.index.pk}/"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("body", response.context["form"].errors)

    def test_articles_live_only_under_the_article_index(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(HomePage, {ArticleIndexPage, StandardPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(Page, ArticlePage)

    def test_edit_view_shows_tabs_and_the_article_renders_in_preview(self):
        article = ArticlePageFactory(parent=self.index)
        response = self.client.get(f"/cms/pages/{article.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        for tab in ("Content", "Byline and topics", "Promote", "Settings"):
            self.assertContains(response, tab)
        self.assertContains(response, "Medical review")

    def test_revisions_are_kept(self):
        article = ArticlePageFactory(parent=self.index)
        article.save_revision().publish()
        article.title = "Second version"
        article.save_revision().publish()
        response = self.client.get(f"/cms/pages/{article.pk}/history/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(article.revisions.count(), 2)

    def test_author_and_topic_snippets_are_in_the_admin(self):
        AuthorFactory(name="Jo Physio")
        TopicFactory(name="Sciatica")
        for model, text in ((Author, "Jo Physio"), (Topic, "Sciatica")):
            url = f"/cms/snippets/blog/{model._meta.model_name}/"
            self.assertContains(self.client.get(url), text)
        response = self.client.post(
            "/cms/snippets/blog/topic/add/",
            {"name": "Neck", "slug": "neck", "description": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Topic.objects.filter(slug="neck").exists())
