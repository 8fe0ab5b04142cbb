from django.urls import path

from . import views

app_name = "zaken"
urlpatterns = [
    path("verzoek/<int:pk>/", views.verzoek_antwoord, name="verzoek"),
    path("toestemmingen/", views.toestemmingen, name="toestemmingen"),
    path("toestemming/<int:pk>/", views.toestemming_keuze, name="toestemming"),
    path("besluit/<int:pk>/ondertekenen/", views.ondertekenen, name="ondertekenen"),
    path("leerling/<int:pk>/tijdlijn/", views.tijdlijn, name="tijdlijn"),
    path("leerplicht/", views.leerplicht, name="leerplicht"),
    path("leerplicht/<int:pk>/gemeld/", views.leerplicht_gemeld, name="leerplicht_gemeld"),
]
