"""How a visitor's words become a search: cleaning, stop words, the synonyms
editors manage, and spelling correction from the site's own vocabulary.

Below ``blog`` and ``shop``, so that the site search, the admin choosers and
the importer's suggested callouts all read a query the same way.
"""
