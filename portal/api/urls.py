from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from . import views
from .registry import BRONNEN

app_name = "api"

router = SimpleRouter()
for bron in BRONNEN.values():
    router.register(bron.prefix, bron.viewset, basename=bron.basename)

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("token/", views.TokenView.as_view(), name="token"),
    # pages for the board's admin (a person with a session, not the API): its systems' clients (issue #21 §2)
    path("koppelingen/", views.koppelingen, name="koppelingen"),
    path("koppelingen/nieuw/", views.koppeling_nieuw, name="koppeling_nieuw"),
    path("koppelingen/<int:pk>/", views.koppeling, name="koppeling"),
    path("koppelingen/<int:pk>/intrekken/", views.koppeling_intrekken, name="koppeling_intrekken"),
    path("koppelingen/<int:pk>/geheim/", views.koppeling_geheim, name="koppeling_geheim"),
    *router.urls,
    re_path(r"^.*$", views.NietGevonden.as_view()),  # no name: a 404 problem, not the HTML page
]
