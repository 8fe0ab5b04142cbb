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
    *router.urls,
    re_path(r"^.*$", views.NietGevonden.as_view()),  # no name: a 404 problem, not the HTML page
]
