from django.urls import path

from . import views

app_name = "organisaties"
urlpatterns = [
    path("mandaten/", views.mandaten, name="mandaten"),
    path("mandaten/nieuw/", views.mandaat_nieuw, name="mandaat_nieuw"),
    path("mandaten/<int:pk>/intrekken/", views.mandaat_intrekken, name="mandaat_intrekken"),
]
urlpatterns += [
    # public (no login): the SWV's basisondersteuning and a school's support profile (issue #9 §1)
    path("samenwerkingsverband/<int:pk>/basisondersteuning/", views.basisondersteuning, name="basisondersteuning"),
    path("school/<int:pk>/ondersteuningsprofiel/", views.profiel, name="profiel"),
    # the school maintains its profile
    path("ondersteuningsprofiel/", views.profiel_mijn, name="profiel_mijn"),
    path("school/<int:pk>/ondersteuningsprofiel/beheer/", views.profiel_beheer, name="profiel_beheer"),
    path("school/<int:pk>/ondersteuningsprofiel/nieuw/", views.profiel_nieuw, name="profiel_nieuw"),
    path("ondersteuningsprofiel/<int:pk>/bewerken/", views.profiel_bewerk, name="profiel_bewerk"),
    path("ondersteuningsprofiel/<int:pk>/onderdeel/", views.profiel_onderdeel, name="profiel_onderdeel"),
    path("ondersteuningsprofiel/<int:pk>/expertise/", views.profiel_expertise, name="profiel_expertise"),
    path("ondersteuningsprofiel/<int:pk>/vaststellen/", views.profiel_vaststellen, name="profiel_vaststellen"),
    path("ondersteuningsprofiel/onderdeel/<int:pk>/verwijderen/", views.profiel_onderdeel_weg,
         name="profiel_onderdeel_weg"),
    path("ondersteuningsprofiel/expertise/<int:pk>/verwijderen/", views.profiel_expertise_weg,
         name="profiel_expertise_weg"),
    # the SWV maintains its basisondersteuning
    path("basisondersteuning/", views.basis_mijn, name="basis_mijn"),
    path("samenwerkingsverband/<int:pk>/basisondersteuning/beheer/", views.basis_beheer, name="basis_beheer"),
    path("samenwerkingsverband/<int:pk>/basisondersteuning/publiceren/", views.basis_publiceer, name="basis_publiceer"),
    path("basisondersteuning/<int:pk>/", views.basis_item, name="basis_item"),
    path("basisondersteuning/<int:pk>/verwijderen/", views.basis_item_weg, name="basis_item_weg"),
]
urlpatterns += [
    # the school calendar: holidays and free days (E-1: schorsing days are school days)
    path("schoolkalender/", views.schoolkalender_mijn, name="schoolkalender_mijn"),
    path("school/<int:pk>/schoolkalender/", views.schoolkalender, name="schoolkalender"),
    path("schoolkalender/<int:pk>/verwijderen/", views.schoolkalender_weg, name="schoolkalender_weg"),
]
