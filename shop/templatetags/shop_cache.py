"""{% catalogue_generation as generation %}: the token cached product lists
vary on (shop.purge renews it whenever products or categories change)."""

from django import template

from shop.purge import catalogue_generation

register = template.Library()
register.simple_tag(catalogue_generation, name="catalogue_generation")
