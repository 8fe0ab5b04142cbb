"""CI sets REQUIRE_SERVICES=1: then the suite must really run on PostgreSQL and Redis (no fallback)."""

import os

import pytest
from django.conf import settings
from django.db import connection

requires = pytest.mark.skipif(os.environ.get("REQUIRE_SERVICES") != "1", reason="alleen in CI (REQUIRE_SERVICES=1)")


@requires
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


@requires
def test_broker_and_cache_are_redis():
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_require_services_refuses_fallback(monkeypatch):
    """Starting with REQUIRE_SERVICES=1 and no DATABASE_URL is refused with a clear message."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["REQUIRE_SERVICES"] = "1"
    r = subprocess.run([sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True)
    assert r.returncode != 0
    assert "REQUIRE_SERVICES=1" in r.stderr


def test_production_refuses_demo_and_missing_secret():
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "PORTAL_DEMO", "REQUIRE_SERVICES")}
    r = subprocess.run([sys.executable, "manage.py", "check"], env=base | {"PORTAL_PRODUCTION": "1",
                       "DJANGO_ALLOWED_HOSTS": "x"}, capture_output=True, text=True)
    assert r.returncode != 0 and "DJANGO_SECRET_KEY" in r.stderr
    r = subprocess.run([sys.executable, "manage.py", "check"], env=base | {"PORTAL_PRODUCTION": "1", "PORTAL_DEMO": "1",
                       "DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "x"}, capture_output=True, text=True)
    assert r.returncode != 0 and "PORTAL_DEMO" in r.stderr
