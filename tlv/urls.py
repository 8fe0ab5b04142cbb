from django.urls import path

from . import views

app_name = "tlv"
urlpatterns = [
    path("", views.home, name="home"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/zienswijze/", views.zienswijze, name="zienswijze"),
    path("<int:pk>/aanvullen/", views.aanvullen, name="aanvullen"),
    path("<int:pk>/besluit/", views.besluit, name="besluit"),
    path("<int:pk>/actie/<slug:actie>/", views.actie, name="actie"),
    path("advies/<int:pk>/", views.advies, name="advies"),
    path("advies/<int:pk>/belang/", views.belang, name="belang"),
    path("advies/<int:pk>/intrekken/", views.toewijzing_intrekken, name="toewijzing_intrekken"),
    path("advies/<int:pk>/pdf/", views.advies_pdf, name="advies_pdf"),
    path("register/", views.register, name="register"),
    path("register/export.csv", views.register_csv, name="register_csv"),
    path("loket/", views.loket, name="loket"),
    path("bezwaar/<int:pk>/", views.bezwaar, name="bezwaar"),
    path("bezwaar/<int:pk>/<slug:actie>/", views.bezwaar_actie, name="bezwaar_actie"),
]
