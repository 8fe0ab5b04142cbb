from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("start/", views.home, name="home"),
    path("health", views.health, name="health"),
    path("privacy/", views.privacy, name="privacy"),
    path("taal/", views.taal, name="taal"),
]
