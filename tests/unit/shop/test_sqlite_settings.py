"""The embedded SQLite database is set up for several shoppers at once."""

from site_project.settings.base import database_from_env


def test_sqlite_file_database_uses_wal_busy_timeout_and_immediate(
    tmp_path, monkeypatch
):
    # DATABASE_URL wins over the default; CI's PostgreSQL pass sets it.
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    options = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout=20000" in options["init_command"]
    # Kept between requests, with its page cache.
    assert config["CONN_MAX_AGE"] == 60


def test_pragmas_apply_on_a_real_connection(tmp_path, django_db_blocker, monkeypatch):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    config.update({"TIME_ZONE": None, "CONN_HEALTH_CHECKS": False})
    config.setdefault("CONN_MAX_AGE", 0)
    config.setdefault("AUTOCOMMIT", True)
    wrapper = DatabaseWrapper(config, alias="sqlite-check")
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -16384
    with django_db_blocker.unblock():
        wrapper.close()
