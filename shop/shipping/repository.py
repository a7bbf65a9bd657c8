from oscar.apps.shipping import repository

from shop.shipping.methods import Express, Standard


class Repository(repository.Repository):
    """Standard (free above a threshold) and express delivery."""

    methods = (Standard(), Express())
