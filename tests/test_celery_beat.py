"""The periodic schedule lives in code; every task it names must exist and be registered (STYLE §5)."""

from importlib import import_module

from django.conf import settings

from portal.celery import app


def test_every_scheduled_task_is_importable_and_registered():
    assert settings.CELERY_BEAT_SCHEDULE
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        module, _, name = entry["task"].rpartition(".")
        task = getattr(import_module(module), name)
        assert task.name == entry["task"]
        assert entry["task"] in app.tasks


def test_sweep_runs_every_few_minutes():
    assert settings.CELERY_BEAT_SCHEDULE["termijnen-sweep"]["schedule"] <= 15 * 60


def test_celery_is_json_only_with_late_acks():
    assert app.conf.task_serializer == "json" and app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True and app.conf.timezone == "Europe/Amsterdam"


def test_the_tlv_jobs_are_scheduled_daily():
    """C-7 (health data deleted 3 years after the decision) and C-5 (the school's reminder of a TLV's last year)
    run by themselves, not only when someone calls them."""
    taken = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert taken["tlv.tasks.gezondheidsgegevens_verwijderen"] <= 86400
    assert taken["tlv.tasks.einde_herinneringen_scholen"] <= 86400
