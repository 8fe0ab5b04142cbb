from django.urls import path

from . import views

app_name = "aanmelding"
urlpatterns = [
    path("", views.lijst, name="home"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("papier/", views.papier, name="papier"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/intrekken/", views.intrekken, name="intrekken"),
    path("<int:pk>/dossier/", views.dossier, name="dossier"),
    path("<int:pk>/informatie/", views.informatie, name="informatie"),
    path("<int:pk>/toestemming-vragen/", views.toestemming_vraag, name="toestemming_vraag"),
    path("<int:pk>/verlengen/", views.verlengen, name="verlengen"),
    path("<int:pk>/notitie/", views.notitie, name="notitie"),
    path("<int:pk>/plaatsing/", views.plaatsing, name="plaatsing_vraag"),
    path("<int:pk>/besluit/", views.besluit_voorbereiden, name="besluit"),
    path("<int:pk>/beoordeling/", views.beoordelen, name="beoordeling"),
    path("plaatsing/<int:vid>/", views.plaatsing_detail, name="plaatsing"),
]
