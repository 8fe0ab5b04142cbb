"""Pages for the board's admin — a person with a session, not the API — to manage its systems' clients (issue #21
§2), at /koppelingen/ (the API's own prefix /api/v1/ answers every session with 401)."""

from django.urls import path

from . import views

app_name = "koppelingen"

urlpatterns = [
    path("", views.koppelingen, name="koppelingen"),
    path("nieuw/", views.koppeling_nieuw, name="koppeling_nieuw"),
    path("<int:pk>/", views.koppeling, name="koppeling"),
    path("<int:pk>/intrekken/", views.koppeling_intrekken, name="koppeling_intrekken"),
    path("<int:pk>/geheim/", views.koppeling_geheim, name="koppeling_geheim"),
]
