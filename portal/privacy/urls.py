from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("leerling/<int:pk>/", views.leerling, name="leerling"),
    path("leerling/<int:pk>/kopie/", views.inzage_nieuw, name="inzage_nieuw"),
    path("leerling/<int:pk>/verzoek/", views.verzoek_nieuw, name="verzoek_nieuw"),
    path("kopie/<int:pk>/", views.inzage, name="inzage"),
    path("kopie/<int:pk>/download/", views.inzage_bestand, name="inzage_bestand"),
    path("verzoek/<int:pk>/", views.verzoek, name="verzoek"),
    path("verzoek/<int:pk>/intrekken/", views.verzoek_intrekken, name="verzoek_intrekken"),
    path("verzoek/<int:pk>/<slug:actie>/", views.verzoek_actie, name="verzoek_actie"),
    path("verzoeken/", views.verzoeken, name="verzoeken"),
    path("bewaartermijnen/", views.bewaartermijnen, name="bewaartermijnen"),
]
