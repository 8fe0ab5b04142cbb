from django.urls import path

from . import views

app_name = "termijnen"
urlpatterns = [
    path("", views.mijn_termijnen, name="mijn"),
    path("rekenhulp/", views.rekenhulp, name="rekenhulp"),
    path("regels/", views.regels, name="regels"),
]
