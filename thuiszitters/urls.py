from django.urls import path

from . import views

app_name = "thuiszitters"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("nieuw/niet-ingeschreven/", views.nieuw_swv, name="nieuw_swv"),
    path("leerplicht/", views.leerplicht_lijst, name="leerplicht_lijst"),
    path("leerplicht/melden/", views.melden, name="melden"),
    path("<int:pk>/", views.detail, name="detail"),
    # its actions, declared (views.ACTIES): one view, a path each
    *[path(f"<int:pk>/{actie}/", views.actie, {"actie": actie}, name=actie)
      for actie in ("plan", "verzuim", "leerplicht", "mening", "beeindigen", "opvolging", "koppelen")],
]
