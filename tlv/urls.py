from django.urls import path

from .views import aanvraag, deskundige, loket, register

app_name = "tlv"
urlpatterns = [
    path("", loket.home, name="home"),
    path("nieuw/", aanvraag.nieuw, name="nieuw"),
    path("<int:pk>/", aanvraag.detail, name="detail"),
    path("<int:pk>/bewerken/", aanvraag.bewerken, name="bewerken"),
    path("<int:pk>/zienswijze/", aanvraag.zienswijze, name="zienswijze"),
    path("<int:pk>/aanvullen/", aanvraag.aanvullen, name="aanvullen"),
    path("<int:pk>/besluit/", aanvraag.besluit, name="besluit"),
    path("<int:pk>/actie/<slug:actie>/", aanvraag.actie, name="actie"),
    path("advies/<int:pk>/", deskundige.advies, name="advies"),
    path("advies/<int:pk>/belang/", deskundige.belang, name="belang"),
    path("advies/<int:pk>/intrekken/", deskundige.toewijzing_intrekken, name="toewijzing_intrekken"),
    path("advies/<int:pk>/pdf/", deskundige.advies_pdf, name="advies_pdf"),
    path("register/", register.register, name="register"),
    path("register/export.csv", register.register_csv, name="register_csv"),
    path("loket/", loket.loket, name="loket"),
]
