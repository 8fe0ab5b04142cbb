from django.urls import path

from portal.core.views import placeholder

app_name = "geschillen"
urlpatterns = [
    path("", placeholder(
        "Klacht, bezwaar en geschil",
        "Hier komt de route als het misgaat: praten met de school, advies van het samenwerkingsverband, de "
        "onderwijsconsulent, klacht, bezwaar en geschil. Dit onderdeel is nog in aanbouw.",
    ), name="home"),
]
