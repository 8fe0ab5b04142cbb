from django.urls import path

from . import views

app_name = "leerlingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/inzage/", views.inzage, name="inzage"),
    path("<int:pk>/tweede-ouder/", views.uitnodigen, name="uitnodigen"),
    path("uitnodiging/<str:token>/", views.uitnodiging, name="uitnodiging"),
    path("uitnodigingen/<int:pk>/bevestigen/", views.uitnodiging_bevestig, name="uitnodiging_bevestig"),
]
