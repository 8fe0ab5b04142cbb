from django.urls import path

from .views import aanpassing, arrangement, blad, gesprek, home

app_name = "ondersteuning"
urlpatterns = [
    path("", home.home, name="home"),
    # the arrangement: the offer with its parts, funders, build-up and evaluations
    path("nieuw/", arrangement.nieuw, name="nieuw"),
    path("<int:pk>/", arrangement.detail, name="detail"),
    path("<int:pk>/bewerken/", arrangement.bewerk, name="bewerk"),
    path("<int:pk>/onderdeel/", arrangement.onderdeel_nieuw, name="onderdeel_nieuw"),
    # its actions, declared (arrangement.ACTIES): one view, a path each
    *[path(f"<int:pk>/{pad}/", arrangement.actie, {"actie": actie}, name=actie) for actie, pad in [
        ("aanbieden", "aanbieden"), ("reactie", "reactie"), ("reactie_vastleggen", "reactie-vastleggen"),
        ("wijzigen", "wijzigen"), ("beeindigen", "beeindigen"), ("evaluatie", "evaluatie")]],
    path("<int:pk>/mening/", arrangement.mening, name="mening"),
    path("<int:pk>/pdf/", arrangement.pdf, name="pdf"),
    path("onderdeel/<int:pk>/", arrangement.onderdeel, name="onderdeel"),
    path("onderdeel/<int:pk>/verwijderen/", arrangement.onderdeel_weg, name="onderdeel_weg"),
    path("onderdeel/<int:pk>/opbouw/", arrangement.opbouwstap, name="opbouwstap"),
    path("opbouw/<int:pk>/verwijderen/", arrangement.opbouwstap_weg, name="opbouwstap_weg"),
    # conversation logs on a case (arrangement or request for an adjustment)
    path("zaak/<int:pk>/gesprek/", gesprek.gesprek, name="gesprek"),
    path("gesprek/<int:pk>/reactie/", gesprek.gesprek_reactie, name="gesprek_reactie"),
    path("actie/<int:pk>/gedaan/", gesprek.actie_gedaan, name="actie_gedaan"),
    # the accommodations sheet
    path("blad/nieuw/", blad.blad_nieuw, name="blad_nieuw"),
    path("blad/<int:pk>/", blad.blad, name="blad"),
    path("blad/<int:pk>/nieuwe-versie/", blad.blad_versie, name="blad_versie"),
    path("blad/<int:pk>/afspraak/", blad.afspraak, name="afspraak"),
    path("blad/<int:pk>/voorleggen/", blad.blad_voorleggen, name="blad_voorleggen"),
    path("blad/<int:pk>/akkoord/", blad.blad_akkoord, name="blad_akkoord"),
    path("blad/<int:pk>/vaststellen/", blad.blad_vaststellen, name="blad_vaststellen"),
    path("blad/<int:pk>/gelezen/", blad.kennisname, name="kennisname"),
    path("blad/<int:pk>/pdf/", blad.blad_pdf, name="blad_pdf"),
    path("afspraak/<int:pk>/verwijderen/", blad.afspraak_weg, name="afspraak_weg"),
    path("mijn-leerlingen/", blad.leerkracht, name="leerkracht"),
    # the request for an effective adjustment
    path("aanpassing/nieuw/", aanpassing.aanpassing_nieuw, name="aanpassing_nieuw"),
    path("aanpassing/<int:pk>/", aanpassing.aanpassing, name="aanpassing"),
    path("aanpassing/<int:pk>/antwoord/", aanpassing.actie, {"actie": "antwoord"}, name="aanpassing_antwoord"),
]
