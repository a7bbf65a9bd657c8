"""Reading a page number from a query string, for every paginated page."""


def requested_page(raw):
    """The page number asked for (1 when none is), or None when it is not a
    whole number from 1 to 999,999,999.

    Parsed before any query: Django's ``Paginator.validate_number`` would
    count the rows first. ``isdecimal()`` refuses "²" and the like, which
    ``int()`` cannot read; the length cap keeps ``int()`` and the database's
    OFFSET away from huge numbers.
    """
    if raw is None or raw == "":
        return 1
    if not raw.isdecimal() or len(raw) > 9 or int(raw) < 1:
        return None
    return int(raw)
