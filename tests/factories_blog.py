"""Factories for the blog: images, authors, topics and article pages."""

import json

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection

from blog.models import ArticlePage, Author, Reviewer, Topic


def body_json(*blocks):
    """Raw StreamField JSON from (type, value) pairs, as the admin stores it."""
    return json.dumps(
        [
            {"type": block_type, "value": value, "id": f"block-{index}"}
            for index, (block_type, value) in enumerate(blocks)
        ]
    )


def sample_body():
    return body_json(
        ("paragraph", "<p>Most back pain gets better on its own within weeks.</p>"),
        ("heading", {"text": "Why it hurts", "level": "h2", "anchor": "why-it-hurts"}),
        ("paragraph", "<p>Muscles, joints and discs can all be sore.</p>"),
        ("heading", {"text": "What helps", "level": "h2", "anchor": "what-helps"}),
        ("note", {"kind": "tip", "title": "", "text": "<p>Keep moving gently.</p>"}),
    )


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    # One shared root collection, as in a real site, not a new root per image.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=1600, height=900, color="teal")


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sam Writer {n}")
    role = "Physiotherapist"
    bio = "Writes about recovering from back pain."

    class Meta:
        model = Author


class ReviewerFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr Alex Example {n}")
    credentials = "General practitioner, MRCGP"
    registration_body = "General Medical Council"
    registration_number = factory.Sequence(lambda n: f"{7000000 + n}")
    bio = "Checks articles for medical accuracy."

    class Meta:
        model = Reviewer


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda obj: obj.name.lower().replace(" ", "-"))

    class Meta:
        model = Topic


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A live article; pass `parent=<ArticleIndexPage>`, and `topics=[...]`
    / `tags=[...]` to file it."""

    title = factory.Sequence(lambda n: f"Looking after your back, part {n}")
    standfirst = "Simple, safe steps that help most people with back pain."
    author = factory.SubFactory(AuthorFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    body = factory.LazyFunction(sample_body)

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()
