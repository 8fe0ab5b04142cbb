from django.urls import path

from .views import advies, algemeen, bezwaar, geschil, klacht, schorsing

app_name = "geschillen"
urlpatterns = [
    path("", algemeen.home, name="home"),
    path("wegwijzer/<int:pk>/", algemeen.gids, name="gids"),
    path("dossier/<int:pk>/", algemeen.dossier, name="dossier"),
    path("delen/<int:pk>/", algemeen.delen, name="delen"),
    path("delen/stoppen/<int:pk>/", algemeen.deling_intrekken, name="deling_intrekken"),
    path("delen/uitnodiging/<str:token>/", algemeen.deling_aannemen, name="deling_aannemen"),
    path("gedeeld/<int:pk>/", algemeen.gedeelde_zaak, name="gedeelde_zaak"),
    path("samenwerkingsverband/", algemeen.swv_overzicht, name="swv_overzicht"),
    path("klachten/jaaroverzicht/", algemeen.klachten_jaaroverzicht, name="klachten_jaaroverzicht"),
    path("klacht/nieuw/", klacht.klacht_nieuw, name="klacht_nieuw"),
    path("klacht/<int:pk>/", klacht.klacht, name="klacht"),
    path("klacht/<int:pk>/reactie/", klacht.klacht_reactie, name="klacht_reactie"),
    path("klacht/<int:pk>/<slug:actie>/", klacht.klacht_actie, name="klacht_actie"),
    path("bezwaar/nieuw/<int:pk>/", bezwaar.bezwaar_nieuw, name="bezwaar_nieuw"),
    path("bezwaar/papier/<int:pk>/", bezwaar.bezwaar_papier, name="bezwaar_papier"),
    path("bezwaar/<int:pk>/", bezwaar.bezwaar, name="bezwaar"),
    path("bezwaar/<int:pk>/<slug:actie>/", bezwaar.bezwaar_actie, name="bezwaar_actie"),
    path("geschil/nieuw/<int:pk>/", geschil.geschil_nieuw, name="geschil_nieuw"),
    path("geschil/<int:pk>/", geschil.geschil, name="geschil"),
    path("geschil/<int:pk>/reactie/", geschil.geschil_reactie, name="geschil_reactie"),
    path("geschil/<int:pk>/<slug:actie>/", geschil.geschil_actie, name="geschil_actie"),
    path("advies/nieuw/", advies.advies_nieuw, name="advies_nieuw"),
    path("advies/<int:pk>/", advies.advies, name="advies"),
    path("advies/actiepunt/<int:pk>/gedaan/", advies.actie_gedaan, name="actie_gedaan"),
    path("advies/<int:pk>/<slug:actie>/", advies.advies_actie, name="advies_actie"),
    path("schorsing/nieuw/", schorsing.schorsing_nieuw, name="schorsing_nieuw"),
    path("schorsing/<int:pk>/", schorsing.schorsing, name="schorsing"),
    path("schorsing/<int:pk>/<slug:actie>/", schorsing.schorsing_actie, name="schorsing_actie"),
    path("verwijdering/nieuw/", schorsing.verwijdering_nieuw, name="verwijdering_nieuw"),
    path("verwijdering/<int:pk>/", schorsing.verwijdering, name="verwijdering"),
    path("verwijdering/<int:pk>/melding/", schorsing.verwijdering_melding, name="verwijdering_melding"),
    path("verwijdering/<int:pk>/<slug:actie>/", schorsing.verwijdering_actie, name="verwijdering_actie"),
]
