from django.urls import path

from portal.core.views import placeholder

app_name = "aanmelding"
urlpatterns = [
    path("", placeholder(
        "Aanmelding en zorgplicht",
        "Hier komt de schriftelijke aanmelding: ouders melden hun kind online aan en krijgen meteen een "
        "ontvangstbevestiging met de beslistermijn. Dit onderdeel is nog in aanbouw.",
    ), name="home"),
]
