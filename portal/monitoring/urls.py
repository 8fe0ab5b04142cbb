from django.urls import path

from . import exports, views

app_name = "monitoring"

urlpatterns = [
    path("swv/<int:pk>/", views.swv, name="swv"),
    path("swv/<int:pk>/termijnen/", views.swv_termijnen, name="swv_termijnen"),
    path("swv/<int:pk>/zaken/", views.swv_zaken, name="swv_zaken"),
    path("swv/<int:pk>/rapport/", exports.swv_rapport, name="swv_rapport"),
    path("swv/<int:pk>/download/<slug:figuur>.<str:formaat>", exports.swv_download, name="swv_download"),
    path("school/<int:pk>/", views.school, name="school"),
    path("school/<int:pk>/termijnen/", views.school_termijnen, name="school_termijnen"),
    path("school/<int:pk>/zaken/", views.school_zaken, name="school_zaken"),
    path("school/<int:pk>/download/<slug:figuur>.<str:formaat>", exports.school_download, name="school_download"),
]
