"""Issue #22 §2 item 1: a pupil without an OPP who clicks "Mijn OPP" reads what that means instead of a 404; the
not-found and error pages are the portal's own, in the user's language, also in demo mode (``DEBUG``) where Django
would show its technical page in English with the URL patterns."""

import datetime as dt

import pytest
from django.http import Http404
from django.test import override_settings
from django.urls import path, reverse

from .test_meerderjarig import _leerling_met_account


def _boom(request):
    raise RuntimeError("kapot")


def _niet_gevonden(request):
    raise Http404("bestaat niet")


urlpatterns = [path("boem/", _boom), path("weg/", _niet_gevonden)]
EIGEN_404 = "Deze pagina bestaat niet, of u heeft er geen toegang toe"


# --- the pupil's "Mijn OPP" -------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_pupil_without_an_opp_reads_what_that_means(client):
    kind = _leerling_met_account(dt.date(2011, 1, 1))  # 12 or older: the OPP pages are theirs (B-7)
    client.force_login(kind.account)
    home = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("opp:home")}"' in home
    r = client.get(reverse("opp:home"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Je hebt (nog) geen OPP" in html and "niets mis" in html and "intern begeleider" in html


@pytest.mark.django_db
def test_pupil_under_twelve_gets_no_link_and_the_own_not_found_page(client):
    kind = _leerling_met_account(dt.date.today().replace(year=dt.date.today().year - 9))
    client.force_login(kind.account)
    assert f'href="{reverse("opp:home")}"' not in client.get(reverse("core:home")).content.decode()
    r = client.get(reverse("opp:home"))
    assert r.status_code == 404 and EIGEN_404 in r.content.decode()


def test_a_pupil_with_an_opp_still_sees_it(world, client):
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership

    from .factories import UserFactory

    kind = world.kind_a  # world.zaak_a is kind_a's OPP
    kind.geboortedatum = dt.date(2011, 1, 1)
    kind.account = UserFactory()
    kind.save(update_fields=["geboortedatum", "account"])
    Membership.objects.create(user=kind.account, rol=Rol.LEERLING)
    client.force_login(kind.account)
    r = client.get(reverse("opp:home"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Je hebt (nog) geen OPP" not in html and reverse("opp:detail", args=[world.zaak_a.pk]) in html


# --- the own pages, also with DEBUG ------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("debug, technisch, eigen", [
    (False, False, True),  # production: Django's handler renders 404.html
    (True, False, True),  # demo mode: the portal's page, not Django's technical one
    (True, True, False),  # a developer who asks for the technical page (PORTAL_TECHNISCHE_404)
])
@pytest.mark.parametrize("adres", ["/bestaat-niet/", "/tests-weg/weg/"])
def test_not_found_is_the_portals_own_page(client, debug, technisch, eigen, adres):
    from django.urls import include
    from django.urls import path as p

    import portal.urls

    class Conf:
        urlpatterns = [p("tests-weg/", include("tests.test_foutpaginas")), *portal.urls.urlpatterns]

    with override_settings(DEBUG=debug, TECHNISCHE_404=technisch, ROOT_URLCONF=Conf):
        r = client.get(adres)
    html = r.content.decode()
    assert r.status_code == 404
    assert (EIGEN_404 in html) is eigen
    assert ("Request URL" in html) is not eigen  # Django's technical page (in English, with the URL patterns)
    if eigen:
        assert '<html lang="nl">' in html and "Naar de startpagina" in html


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_not_found_in_the_users_language(client):
    from .factories import UserFactory

    user = UserFactory(taal="en")
    client.force_login(user)
    r = client.get("/bestaat-niet/")
    assert r.status_code == 404 and '<html lang="en">' in r.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.test_foutpaginas")
@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_error_page_is_the_portals_own_in_the_language_of_the_request(client, taal):
    from django.conf import settings

    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    r = client.get("/boem/")
    html = r.content.decode()
    assert r.status_code == 500
    assert f'<html lang="{taal}">' in html and "Passend Portaal" in html
    assert "Traceback" not in html and "kapot" not in html
