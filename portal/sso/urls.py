from django.urls import path

from . import views

app_name = "sso"
urlpatterns = [
    path("terug/", views.TerugView.as_view(), name="terug"),
    path("bevestigen/", views.bevestigen, name="bevestigen"),
    path("bevestigen/<str:token>/", views.bevestig_link, name="bevestig_link"),
    path("<slug:slug>/inloggen/", views.InloggenView.as_view(), name="inloggen"),
]
