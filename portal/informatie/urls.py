from django.urls import path

from . import views

app_name = "informatie"
urlpatterns = [
    path("", views.home, name="home"),
]
