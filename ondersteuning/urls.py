from django.urls import path

from . import views

app_name = "ondersteuning"
urlpatterns = [
    path("", views.home, name="home"),
    # the arrangement: the offer with its parts, funders, build-up and evaluations
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerk, name="bewerk"),
    path("<int:pk>/onderdeel/", views.onderdeel_nieuw, name="onderdeel_nieuw"),
    path("<int:pk>/aanbieden/", views.aanbieden, name="aanbieden"),
    path("<int:pk>/reactie/", views.reactie, name="reactie"),
    path("<int:pk>/reactie-vastleggen/", views.reactie_vastleggen, name="reactie_vastleggen"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/beeindigen/", views.beeindigen, name="beeindigen"),
    path("<int:pk>/evaluatie/", views.evaluatie, name="evaluatie"),
    path("<int:pk>/mening/", views.mening, name="mening"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("onderdeel/<int:pk>/", views.onderdeel, name="onderdeel"),
    path("onderdeel/<int:pk>/verwijderen/", views.onderdeel_weg, name="onderdeel_weg"),
    path("onderdeel/<int:pk>/opbouw/", views.opbouwstap, name="opbouwstap"),
    path("opbouw/<int:pk>/verwijderen/", views.opbouwstap_weg, name="opbouwstap_weg"),
    # conversation logs on a case (arrangement or request for an adjustment)
    path("zaak/<int:pk>/gesprek/", views.gesprek, name="gesprek"),
    path("gesprek/<int:pk>/reactie/", views.gesprek_reactie, name="gesprek_reactie"),
    path("actie/<int:pk>/gedaan/", views.actie_gedaan, name="actie_gedaan"),
    # the accommodations sheet
    path("blad/nieuw/", views.blad_nieuw, name="blad_nieuw"),
    path("blad/<int:pk>/", views.blad, name="blad"),
    path("blad/<int:pk>/nieuwe-versie/", views.blad_versie, name="blad_versie"),
    path("blad/<int:pk>/afspraak/", views.afspraak, name="afspraak"),
    path("blad/<int:pk>/voorleggen/", views.blad_voorleggen, name="blad_voorleggen"),
    path("blad/<int:pk>/akkoord/", views.blad_akkoord, name="blad_akkoord"),
    path("blad/<int:pk>/vaststellen/", views.blad_vaststellen, name="blad_vaststellen"),
    path("blad/<int:pk>/gelezen/", views.kennisname, name="kennisname"),
    path("blad/<int:pk>/pdf/", views.blad_pdf, name="blad_pdf"),
    path("afspraak/<int:pk>/verwijderen/", views.afspraak_weg, name="afspraak_weg"),
    path("mijn-leerlingen/", views.leerkracht, name="leerkracht"),
    # groups and substitutes
    path("groepen/", views.groepen, name="groepen"),
    path("groepen/<int:pk>/", views.groep, name="groep"),
    path("groepen/<int:pk>/invaller/", views.invaller, name="invaller"),
    path("invaller/<int:pk>/intrekken/", views.invaller_intrekken, name="invaller_intrekken"),
    # the request for an effective adjustment
    path("aanpassing/nieuw/", views.aanpassing_nieuw, name="aanpassing_nieuw"),
    path("aanpassing/<int:pk>/", views.aanpassing, name="aanpassing"),
    path("aanpassing/<int:pk>/antwoord/", views.aanpassing_antwoord, name="aanpassing_antwoord"),
]
