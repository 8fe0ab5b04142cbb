from django.urls import path

from . import views

app_name = "invoer"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/toepassen/", views.toepassen, name="toepassen"),
    path("voorbeeld.<str:formaat>", views.voorbeeld, name="voorbeeld"),
]
