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
    # the file's actions (views.ACTIES), each at its own address
    path("<int:pk>/informatie/", views.actie, {"actie": "info"}, name="informatie"),
    path("<int:pk>/toestemming-vragen/", views.actie, {"actie": "toest"}, name="toestemming_vraag"),
    path("<int:pk>/verlengen/", views.actie, {"actie": "verleng"}, name="verlengen"),
    path("<int:pk>/notitie/", views.actie, {"actie": "notitie"}, name="notitie"),
    path("<int:pk>/plaatsing/", views.actie, {"actie": "plaatsing"}, name="plaatsing_vraag"),
    path("<int:pk>/besluit/", views.actie, {"actie": "besluit"}, name="besluit"),
    path("<int:pk>/beoordeling/", views.actie, {"actie": "beoord"}, name="beoordeling"),
    path("plaatsing/<int:vid>/", views.plaatsing_detail, name="plaatsing"),
]
