from oscar.apps.shipping import repository

from shop.shipping.methods import Express, Standard


class Repository(repository.Repository):
    methods = (Standard(), Express())
