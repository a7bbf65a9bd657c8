"""bench/server.py: the one gunicorn launcher of bench/run.py and bench/load/."""

import os
import urllib.request

import pytest

from bench import server
from bench.load import server as load_server


def test_environment_overrides_the_base_and_each_caller_keeps_its_own():
    env = server.server_environment(
        "bench.settings", "sqlite:///x", "/tmp/media", LOG_LEVEL="WARNING"
    )
    assert env["DJANGO_SETTINGS_MODULE"] == "bench.settings"
    assert env["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert env["MEDIA_ROOT"] == "/tmp/media"
    assert env["LOG_LEVEL"] == "WARNING"
    assert len(env["SECRET_KEY"]) >= 50

    load = load_server.server_environment("postgres://db", "/tmp/m")
    assert load["DJANGO_SETTINGS_MODULE"] == "bench.load.settings"
    assert load["SECURE_SSL_REDIRECT"] == "False"
    assert load["CONN_MAX_AGE"] == "60"
    assert load["LOG_LEVEL"] == "ERROR"
    assert load["SECRET_KEY"] != env["SECRET_KEY"]


def test_a_server_that_cannot_boot_fails_loudly_and_names_its_log(tmp_path):
    log = tmp_path / "gunicorn.log"
    bad = {"DJANGO_SETTINGS_MODULE": "no_such_settings_module"}
    with (
        pytest.raises(server.ServerError, match=r"exited with status \d+ .*gunicorn"),
        server.gunicorn(bad, 1, timeout=10, log_path=log),
    ):
        pytest.fail("gunicorn should not have started")
    assert "no_such_settings_module" in log.read_text()


def test_another_projects_app_starts_from_its_folder_without_this_sites_settings(
    tmp_path, monkeypatch
):
    (tmp_path / "peer_app.py").write_text(
        "import os\n"
        "def application(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    settings = os.environ.get('DJANGO_SETTINGS_MODULE', 'none')\n"
        "    return [f\"{settings} {os.environ['PEER_NAME']}\".encode()]\n"
    )
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "bench.settings")
    with (
        server.gunicorn(
            {"PEER_NAME": "peer"},
            1,
            timeout=10,
            log_path=tmp_path / "gunicorn.log",
            app="peer_app:application",
            cwd=tmp_path,
            ready_path="/anything",
            base_environment={"PATH": os.environ["PATH"]},
        ) as (base, _),
        urllib.request.urlopen(f"{base}/anything", timeout=10) as response,
    ):
        assert response.read() == b"none peer"
