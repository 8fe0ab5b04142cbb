from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("swv/<int:pk>/", views.swv, name="swv"),
    path("swv/<int:pk>/termijnen/", views.swv_termijnen, name="swv_termijnen"),
    path("school/<int:pk>/", views.school, name="school"),
    path("school/<int:pk>/termijnen/", views.school_termijnen, name="school_termijnen"),
]
