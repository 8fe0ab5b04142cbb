from django.urls import path

from . import views

app_name = "organisaties"
urlpatterns = [
    path("mandaten/", views.mandaten, name="mandaten"),
    path("mandaten/nieuw/", views.mandaat_nieuw, name="mandaat_nieuw"),
    path("mandaten/<int:pk>/intrekken/", views.mandaat_intrekken, name="mandaat_intrekken"),
]
