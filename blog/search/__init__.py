"""Site-wide search: articles and products from one Wagtail search index.

A package inside ``blog`` rather than an app, because Oscar owns the app
label ``search``. ``blog`` may import ``shop``; the shop never imports this.
"""
