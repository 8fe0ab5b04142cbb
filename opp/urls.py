from django.urls import path

from . import views

app_name = "opp"
urlpatterns = [
    path("", views.lijst, name="home"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/document/", views.document, name="document"),
]
