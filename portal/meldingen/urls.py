from django.urls import path

from . import views

app_name = "meldingen"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/openen/", views.openen, name="openen"),
]
