"""Production settings fail loudly and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "backbone.example",
    "DATABASE_URL": "sqlite:////tmp/backbone-deploy-check.sqlite3",
    "SITE_URL": "https://backbone.example",
    "SHOP_BANK_ACCOUNT_NAME": "Backbone Recovery Limited",
    "SHOP_BANK_SORT_CODE": "20-45-77",
    "SHOP_BANK_ACCOUNT_NUMBER": "43917265",
}


def run_manage(*args, env):
    # The browser tests allow async-unsafe ORM calls in-process; a deployment
    # never does, and check --deploy says so.
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_names_the_variable():
    env = dict(PRODUCTION_ENV)
    env["SECRET_KEY"] = ""
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "required" in result.stderr


def test_production_refuses_placeholder_bank_details_while_offered():
    env = {**PRODUCTION_ENV, "SHOP_BANK_SORT_CODE": "00-00-00"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SHOP_BANK_SORT_CODE" in result.stderr


def test_production_refuses_missing_bank_details_while_offered():
    env = {**PRODUCTION_ENV, "SHOP_BANK_ACCOUNT_NUMBER": " "}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SHOP_BANK_ACCOUNT_NUMBER" in result.stderr


def test_production_starts_without_bank_details_when_transfer_is_off():
    env = {
        key: value
        for key, value in PRODUCTION_ENV.items()
        if not key.startswith("SHOP_BANK_")
    }
    env["SHOP_BANK_TRANSFER_ENABLED"] = "false"
    result = run_manage("check", env=env)
    assert result.returncode == 0, result.stderr


def test_a_stripe_stand_in_is_only_taken_on_loopback():
    env = {**PRODUCTION_ENV, "LOCALSTRIPE_URL": "http://stripe.example:8420"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "LOCALSTRIPE_URL must be on loopback" in result.stderr

    env["LOCALSTRIPE_URL"] = "http://127.0.0.1:8426"
    code = "from django.conf import settings; print(settings.STRIPE_API_BASE)"
    result = run_manage("shell", "--command", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8426"


def test_unparseable_database_url_names_the_variable():
    env = dict(PRODUCTION_ENV)
    env["DATABASE_URL"] = "not a url at all"
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_unreachable_database_url_names_the_variable():
    env = dict(PRODUCTION_ENV)
    env["DATABASE_URL"] = "postgres://nobody:nothing@127.0.0.1:1/nowhere"
    result = run_manage("migrate", "--check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_check_deploy_refuses_production_without_site_url():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SITE_URL"}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "shop.E002" in result.stderr
    assert "SITE_URL" in result.stderr


def test_oscar_emails_link_with_site_urls_scheme():
    env = dict(PRODUCTION_ENV, SITE_URL="https://backbone.example")
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.OSCAR_URL_SCHEMA)",
        env=env,
    )
    assert result.stdout.strip().splitlines()[-1] == "https", result.stderr


def test_production_throttles_count_the_address_the_proxy_forwards():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"
