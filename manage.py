#!/usr/bin/env python
"""Django's command-line utility for this site."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.dev")
    from django.conf import settings
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        db = settings.DATABASES["default"]
        where = f"{db.get('HOST') or ''}:{db.get('PORT') or ''}/{db.get('NAME')}"
        sys.exit(
            f"Could not use the database configured by DATABASE_URL ({where}): "
            f"{exc}\nCheck DATABASE_URL and that the server is running."
        )


if __name__ == "__main__":
    main()
