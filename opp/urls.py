from django.urls import path

from . import views

app_name = "opp"
urlpatterns = [
    path("", views.home, name="home"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("school/<int:pk>/rod.csv", views.rod, name="rod"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/document/", views.actie, {"actie": "document"}, name="document"),
    path("<int:pk>/perspectief/", views.perspectief, name="perspectief"),
    path("<int:pk>/handelingsdeel/", views.handelingsdeel, name="handelingsdeel"),
    path("<int:pk>/doel/nieuw/", views.doel_nieuw, name="doel_nieuw"),
    path("<int:pk>/doel/<int:doel_pk>/", views.doel, name="doel"),
    path("<int:pk>/doel/<int:doel_pk>/verwijderen/", views.doel_verwijder, name="doel_verwijder"),
    path("<int:pk>/overleg/", views.overleg, name="overleg"),
    path("<int:pk>/mening/", views.mening, name="mening"),
    path("<int:pk>/voorleggen/", views.voorleggen, name="voorleggen"),
    path("<int:pk>/wijzigen/", views.herzien, name="herzien"),
    path("<int:pk>/instemming/", views.instemming, name="instemming"),
    path("<int:pk>/instemming/papier/", views.papier, name="papier"),
    path("<int:pk>/vaststellen/", views.vaststellen, name="vaststellen"),
    path("<int:pk>/versie/<int:nummer>/", views.versie, name="versie"),
    path("<int:pk>/versie/<int:nummer>/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/evaluatie/", views.evaluatie, name="evaluatie"),
    path("<int:pk>/commissie/", views.commissie, name="commissie"),
    path("<int:pk>/beeindigen/", views.beeindigen, name="beeindigen"),
]
