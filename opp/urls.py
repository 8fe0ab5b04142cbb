from django.urls import path

from portal.core.views import placeholder

app_name = "opp"
urlpatterns = [
    path("", placeholder(
        "Ontwikkelingsperspectief (OPP)",
        "Hier komt het OPP: perspectief en handelingsdeel, instemming van ouders en de jaarlijkse evaluatie. "
        "Dit onderdeel is nog in aanbouw.",
    ), name="home"),
]
