from django.urls import path

from . import views, views_groepen

app_name = "leerlingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/inzage/", views.inzage, name="inzage"),
    path("<int:pk>/vertegenwoordiger/", views.vertegenwoordiging_nieuw, name="vertegenwoordiging_nieuw"),
    path("<int:pk>/vertegenwoordiger/<int:vpk>/beeindigen/", views.vertegenwoordiging_beeindig,
         name="vertegenwoordiging_beeindig"),
    path("<int:pk>/inzage-ouders/", views.inzage_ouder, name="inzage_ouder"),
    path("<int:pk>/tweede-ouder/", views.uitnodigen, name="uitnodigen"),
    path("uitnodiging/<str:token>/", views.uitnodiging, name="uitnodiging"),
    path("uitnodigingen/<int:pk>/bevestigen/", views.uitnodiging_bevestig, name="uitnodiging_bevestig"),
    # groups and substitutes, maintained by the school (issue #18: moved here from the ondersteuning)
    path("groepen/", views_groepen.groepen, name="groepen"),
    path("groepen/<int:pk>/", views_groepen.groep, name="groep"),
    path("groepen/<int:pk>/invaller/", views_groepen.invaller, name="invaller"),
    path("invaller/<int:pk>/intrekken/", views_groepen.invaller_intrekken, name="invaller_intrekken"),
]
