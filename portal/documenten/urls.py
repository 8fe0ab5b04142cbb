from django.urls import path

from . import views

app_name = "documenten"
urlpatterns = [
    path("document/<int:pk>/", views.document, name="document"),
    path("brief/<int:pk>/", views.brief, name="brief"),
    path("export/<int:pk>/", views.export, name="export"),
]
