from django.conf import settings
from django.urls import path

from . import beveiliging, views

app_name = "core"
urlpatterns = [
    path("start/", views.home, name="home"),
    path("health", views.health, name="health"),
    path("privacy/", views.privacy, name="privacy"),
    path("taal/", views.taal, name="taal"),
    # issue #19: how to report a vulnerability (RFC 9116), for everyone
    path(".well-known/security.txt", beveiliging.security_txt, name="security_txt"),
    path("beveiliging/", beveiliging.beveiliging, name="beveiliging"),
]
if settings.BENCH:  # the benchmark's baseline: same middleware and gunicorn, a 20-row template, no database
    urlpatterns.append(path("bench/kaal/", views.kaal, name="kaal"))
