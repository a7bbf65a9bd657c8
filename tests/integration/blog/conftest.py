"""Fixtures for article tests: an image, an author, topics."""

import pytest

from tests.factories_blog import ImageFactory


@pytest.fixture
def hero_image(db):
    return ImageFactory(title="A person stretching")
