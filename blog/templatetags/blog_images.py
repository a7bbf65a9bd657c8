"""Wagtail image tags that leave an image out when its original is missing.

Wagtail's ``{% image %}`` and ``{% picture %}`` answer a missing source file
(a database restored without its media) with a broken ``<img src="not-found">``
and its alt text. ``{% stored_image %}`` and ``{% stored_picture %}`` take the
same arguments but render nothing instead, and log which image it was. They
also accept attributes together with ``as name``, so a template can leave out
the figure around an image that did not render:

    {% stored_picture page.hero_image width-{480,800} alt=page.hero_alt as hero %}
    {% if hero %}<figure>{{ hero }}</figure>{% endif %}

Only a rendition that has to be made from the original notices the loss;
renditions already made are served as they are, without a storage lookup.
"""

import logging

from django import template
from django.template.base import Token, TokenType
from wagtail.images.models import Picture, SourceImageIOError
from wagtail.images.templatetags.wagtailimages_tags import (
    ImageNode,
    PictureNode,
)
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

logger = logging.getLogger(__name__)

register = template.Library()


class StoredImageMixin:
    """Render the image's HTML, or "" when its source file is missing."""

    def render(self, context):
        image = self.validate_image(context)
        html = ""
        if image:
            attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
            try:
                html = self.image_html(image, attrs)
            except SourceImageIOError:
                logger.warning(
                    "Left out image %s (%r): its original file %r is missing "
                    "from storage.",
                    image.pk,
                    image.title,
                    image.file.name,
                )
        if self.output_var_name:
            context[self.output_var_name] = html
            return ""
        return html


class StoredImageNode(StoredImageMixin, ImageNode):
    def image_html(self, image, attrs):
        return image.get_rendition(self.get_filter()).img_tag(attrs)


class StoredPictureNode(StoredImageMixin, PictureNode):
    def image_html(self, image, attrs):
        renditions = image.get_renditions(*self.get_filters())
        return Picture(renditions, attrs).__html__()


def parse_stored_tag(node_class, wagtail_tag_name):
    """Parse like Wagtail's tag, then allow attributes with ``as name``."""

    def parse(parser, token):
        tag_name, *bits = token.split_contents()
        output_var_name = None
        if len(bits) >= 2 and bits[-2] == "as":
            output_var_name = bits[-1]
            bits = bits[:-2]
        wagtail_token = Token(
            TokenType.BLOCK,
            " ".join([wagtail_tag_name, *bits]),
            token.position,
            token.lineno,
        )
        node = parse_image_tag(parser, wagtail_token)
        return node_class(
            node.image_expr,
            node.filter_specs,
            attrs=node.attrs,
            output_var_name=output_var_name,
        )

    return parse


register.tag("stored_image", parse_stored_tag(StoredImageNode, "image"))
register.tag("stored_picture", parse_stored_tag(StoredPictureNode, "picture"))
