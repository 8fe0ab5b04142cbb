from django.conf import settings
from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("start/", views.home, name="home"),
    path("health", views.health, name="health"),
    path("privacy/", views.privacy, name="privacy"),
    path("taal/", views.taal, name="taal"),
]
if settings.BENCH:  # the benchmark's baseline: same middleware and gunicorn, a 20-row template, no database
    urlpatterns.append(path("bench/kaal/", views.kaal, name="kaal"))
