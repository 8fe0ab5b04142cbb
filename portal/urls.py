from django.contrib import admin
from django.urls import include, path

from portal.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home_root"),
    path("", include("portal.core.urls")),
    path("account/", include("portal.accounts.urls")),
    path("leerlingen/", include("portal.leerlingen.urls")),
    path("audit/", include("portal.audit.urls")),
    path("termijnen/", include("portal.termijnen.urls")),
    path("meldingen/", include("portal.meldingen.urls")),
    path("zaken/", include("portal.zaken.urls")),
    path("documenten/", include("portal.documenten.urls")),
    path("organisaties/", include("portal.organisaties.urls")),
    path("informatie/", include("portal.informatie.urls")),
    path("privacy/", include("portal.privacy.urls")),
    path("monitoring/", include("portal.monitoring.urls")),
    path("aanmelding/", include("aanmelding.urls")),
    path("ondersteuning/", include("ondersteuning.urls")),
    path("opp/", include("opp.urls")),
    path("tlv/", include("tlv.urls")),
    path("geschillen/", include("geschillen.urls")),
    path("thuiszitters/", include("thuiszitters.urls")),
    path("api/v1/", include("portal.api.urls")),
    path("koppelingen/", include("portal.api.pagina_urls")),
    path("invoer/", include("portal.invoer.urls")),
    path("sso/", include("portal.sso.urls")),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
