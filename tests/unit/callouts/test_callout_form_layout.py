"""The callouts share button_label and the unavailable rule through
CalloutBlock; each keeps its own fields first, in the editor's form order,
and the rule as the form's settings."""

import pytest

from blog.callout_blocks import (
    CategoryCalloutBlock,
    ProductCalloutBlock,
    ProductGridBlock,
)

RULE = ["if_unavailable", "fallback_product", "fallback_category"]


@pytest.mark.parametrize(
    ("block_class", "own_fields"),
    [
        (
            ProductCalloutBlock,
            ["product", "headline", "note", "button_label", "layout"],
        ),
        (ProductGridBlock, ["headline", "note", "products", "button_label"]),
        (
            CategoryCalloutBlock,
            ["category", "headline", "note", "limit", "button_label"],
        ),
    ],
)
def test_own_fields_then_the_rule_as_settings(block_class, own_fields):
    block = block_class()
    assert list(block.child_blocks) == own_fields + RULE
    assert block.meta.form_layout.children == own_fields
    assert block.meta.form_layout.settings == RULE
    label = block.child_blocks["button_label"]
    assert (label.field.required, label.field.max_length) == (False, 40)
    assert label.field.help_text == "Defaults to 'Add to basket'."
