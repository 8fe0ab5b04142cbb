from django.urls import path

from portal.core.views import placeholder

app_name = "ondersteuning"
urlpatterns = [
    path("", placeholder(
        "Ondersteuning",
        "Hier komt het ondersteuningsaanbod: arrangementen, het aanpassingenblad en verzoeken om een doeltreffende "
        "aanpassing. Dit onderdeel is nog in aanbouw.",
    ), name="home"),
]
