from django.urls import path

from portal.core.views import placeholder

app_name = "tlv"
urlpatterns = [
    path("", placeholder(
        "Toelaatbaarheidsverklaring (TLV)",
        "Hier komt de TLV-aanvraag bij het samenwerkingsverband, met twee deskundigen en een besluit binnen "
        "8 weken. Dit onderdeel is nog in aanbouw.",
    ), name="home"),
]
