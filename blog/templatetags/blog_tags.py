"""Template tags for article pages: structured data, heading ids, and what
their cached fragments vary on."""

from django import template

from blog.blocks import heading_anchor
from blog.callout_blocks import CalloutBlock
from blog.purge import content_generation
from site_project.structured_data import json_ld_script

register = template.Library()


@register.simple_tag
def json_ld(data):
    """Render `data` as a JSON-LD <script>, safe against </script> in text."""
    return json_ld_script(data)


@register.simple_tag
def heading_id(value):
    """The id of a heading block: the same one the table of contents links to."""
    return heading_anchor(value)


@register.simple_tag(name="content_generation")
def content_generation_tag():
    """{% content_generation as generation %}: a token that changes whenever
    a page, snippet, image or document does (blog.purge)."""
    return content_generation()


class BodyRun:
    """Consecutive blocks of a StreamField: one callout, or the blocks
    between two callouts, which are turned into values only when used."""

    def __init__(self, stream, indices, is_callout):
        self.stream = stream
        self.indices = indices
        self.is_callout = is_callout

    def __iter__(self):
        return (self.stream[index] for index in self.indices)


@register.simple_tag
def body_runs(stream):
    """{% body_runs page.body as runs %}: the body split at its callouts, so
    the blocks between them (the same for every visitor until the page or
    what it shows changes) can be cached while the callouts stay live."""
    child_blocks = stream.stream_block.child_blocks
    runs = []
    for index, raw in enumerate(stream.raw_data):
        is_callout = isinstance(child_blocks.get(raw["type"]), CalloutBlock)
        if is_callout or not runs or runs[-1].is_callout:
            runs.append(BodyRun(stream, [index], is_callout))
        else:
            runs[-1].indices.append(index)
    return runs
