"""Logging in through an OpenID Connect provider (issue #21 §5): /sso/<slug>/inloggen/ sends the browser to the
provider, /sso/terug/ is the one callback for all providers. Both are mozilla-django-oidc's views, with the provider
from the database. A parent's first broker login goes on at /sso/bevestigen/."""

import secrets
import time

from django.contrib import auth, messages
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import View
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from portal.accounts.middleware import SSO_TWEEDE_FACTOR

from . import services
from .backends import Uitkomst
from .constants import SESSIE_AANBIEDER, SESSIE_BEVESTIGEN, SESSIE_HERBEVESTIGEN, Soort
from .discovery import DiscoveryFout, configuratie
from .forms import EmailForm, WachtwoordForm
from .models import Aanbieder

BACKEND = "portal.sso.backends.PortalOIDCBackend"


class InloggenView(OIDCAuthenticationRequestView):
    """To the provider's login page, with state, nonce and (when the provider supports it) PKCE S256 — made and kept
    in the session by the library. The provider is remembered with the state, so two logins in two tabs with two
    providers do not mix."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads the endpoint from settings here; it comes from the provider
        self._config = {}

    def get_settings(self, attr, *args):
        if attr in self._config:
            return self._config[attr]
        return import_from_settings(attr, *args)

    def get(self, request, slug):
        aanbieder = get_object_or_404(Aanbieder.objects.actief(), slug=slug)
        if request.user.is_authenticated:
            # Confirming an irreversible act (portal.accounts.views.reauth) through the provider the session logged
            # in with: the provider asks again (prompt=login, max_age=0), the callback notes the confirmation.
            if request.GET.get("herbevestig") != "1" or request.session.get(SESSIE_AANBIEDER) != aanbieder.pk:
                return redirect("core:home")
            request.session[SESSIE_HERBEVESTIGEN] = request.user.pk
        try:
            conf = configuratie(aanbieder)
        except DiscoveryFout:
            return render(request, "sso/mislukt.html", {"aanbieder": aanbieder, "onbereikbaar": True}, status=503)
        self.OIDC_OP_AUTH_ENDPOINT = conf.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = aanbieder.client_id
        self._config = {"OIDC_RP_SCOPES": aanbieder.scopes, "OIDC_USE_PKCE": conf.pkce,
                        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:terug"}
        bekend = set(request.session.get("oidc_states", {}) or {})
        response = super().get(request)
        for state, waarden in request.session["oidc_states"].items():
            if state not in bekend:
                waarden["sso_aanbieder"] = aanbieder.pk
        request.session.modified = True
        return response

    def get_extra_params(self, request):
        extra = dict(super().get_extra_params(request))
        if request.user.is_authenticated:  # a confirmation: the provider must ask, not recognise a session
            extra.update(prompt="login", max_age="0")
        return extra


class TerugView(OIDCAuthenticationCallbackView):
    """The callback. The library checks the state, hands code, nonce and PKCE verifier to the backend
    (portal.sso.backends) and logs the account in; what happens next depends on the backend's verdict."""

    def get(self, request):
        state = request.GET.get("state")
        staten = request.session.get("oidc_states") or {}
        waarden = staten.get(state) if state else None
        request.sso_aanbieder_id = waarden.get("sso_aanbieder") if isinstance(waarden, dict) else None
        request.sso = None
        if request.GET.get("error") and request.session.get(SESSIE_HERBEVESTIGEN) and request.user.is_authenticated:
            # a confirmation broken off at the provider: back to the page that asked, still logged in (the library
            # would log the user out)
            request.session.pop(SESSIE_HERBEVESTIGEN, None)
            staten.pop(state, None)
            request.session.modified = True
            messages.warning(request, _("Bevestigen is niet gelukt. Probeer het opnieuw."))
            return redirect(request.session.get("oidc_login_next") or "core:home")
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state this browser did not start (an old tab, a forged link)
            return self._mislukt()

    def _mislukt(self, **extra):
        sso = getattr(self.request, "sso", None)
        return render(self.request, "sso/mislukt.html", {"aanbieder": sso.aanbieder if sso else None, **extra}, status=400)

    def login_failure(self):
        sso = getattr(self.request, "sso", None)
        if sso is None:
            return self._mislukt(afgebroken=bool(self.request.GET.get("error")))
        if sso.uitkomst == Uitkomst.BEVESTIGEN:
            self.request.session[SESSIE_BEVESTIGEN] = {"a": sso.aanbieder.pk, "h": sso.subject_hash,
                                                       "n": secrets.token_urlsafe(24), "mails": 0}
            return redirect("sso:bevestigen")
        if sso.uitkomst in (Uitkomst.ONBEKEND, Uitkomst.NIET_BEVESTIGD):
            return render(self.request, "sso/geweigerd.html",
                          {"aanbieder": sso.aanbieder, "niet_bevestigd": sso.uitkomst == Uitkomst.NIET_BEVESTIGD},
                          status=403)
        return self._mislukt()

    def login_success(self):
        herbevestigt = self.request.session.pop(SESSIE_HERBEVESTIGEN, None)
        response = super().login_success()
        sso = self.request.sso
        _na_inloggen(self.request, self.user, sso.aanbieder, tweede_factor=sso.tweede_factor)
        if herbevestigt == self.user.pk and (sso.tweede_factor or not self.user.vereist_2fa):
            # the same person logged in again at the provider, with the second factor staff need: the act may go on
            from portal.accounts.views import REAUTH_KEY

            self.request.session[REAUTH_KEY] = time.time()
        return response


def _na_inloggen(request, user, aanbieder, *, tweede_factor: bool) -> None:
    """What every login through a provider does once the account is logged in: note the provider (and a second factor
    it asserted, which RequireTwoFactorMiddleware honours for this session), audit, and for staff without one the
    portal's own second factor as after a password login."""
    request.session[SESSIE_AANBIEDER] = aanbieder.pk
    if tweede_factor:
        request.session[SSO_TWEEDE_FACTOR] = user.pk
    else:
        request.session.pop(SSO_TWEEDE_FACTOR, None)
    services.login_audit(user=user, aanbieder=aanbieder, tweede_factor=tweede_factor)
    if user.vereist_2fa and not tweede_factor:
        from portal.accounts import tweestaps

        tweestaps.koppellink_bij_inloggen(user=user)


def _wachtend(request):
    """The broker login waiting for confirmation in this session, or None."""
    data = request.session.get(SESSIE_BEVESTIGEN)
    if not isinstance(data, dict):
        return None, None
    aanbieder = Aanbieder.objects.actief().filter(pk=data.get("a"), soort=Soort.OUDERS).first()
    return (data, aanbieder) if aanbieder else (None, None)


def _koppel_en_log_in(request, *, aanbieder, subject_hash, user, via):
    services.ouder_koppel(aanbieder=aanbieder, subject_hash=subject_hash, user=user, via=via)
    request.session.pop(SESSIE_BEVESTIGEN, None)
    auth.login(request, user, backend=BACKEND)
    _na_inloggen(request, user, aanbieder, tweede_factor=False)
    messages.success(request, _("Gelukt. Voortaan logt u direct in met %(aanbieder)s.") % {"aanbieder": aanbieder.naam})
    return redirect("core:home")


@require_http_methods(["GET", "POST"])
def bevestigen(request):
    """'Bevestig uw e-mailadres': the first broker login of a parent. Either a link to the account's address, to be
    opened in this browser, or the account's password once (with the portal's lockout, as on the login page)."""
    data, aanbieder = _wachtend(request)
    if data is None:
        messages.info(request, _("Log eerst in. Kies daarna opnieuw de knop van DigiD of eHerkenning."))
        return redirect("accounts:login")
    actie = request.POST.get("actie") if request.method == "POST" else None
    email_form = EmailForm(request.POST if actie == "link" else None, prefix="link")
    ww_form = WachtwoordForm(request.POST if actie == "wachtwoord" else None, prefix="ww")
    if actie == "link" and email_form.is_valid():
        if data.get("mails", 0) >= services.MAX_MAILS_PER_SESSIE:
            email_form.add_error("email", _("U heeft al %(n)s keer een link gevraagd. Kijk in uw mail (ook bij "
                                            "ongewenste e-mail), of log in met uw wachtwoord.") % {"n": services.MAX_MAILS_PER_SESSIE})
        else:
            services.bevestiging_stuur(aanbieder=aanbieder, subject_hash=data["h"],
                                       email=email_form.cleaned_data["email"], nonce=data["n"])
            data["mails"] = data.get("mails", 0) + 1
            request.session[SESSIE_BEVESTIGEN] = data
            return render(request, "sso/bevestigen_verstuurd.html",
                          {"aanbieder": aanbieder, "email": email_form.cleaned_data["email"]})
    if actie == "wachtwoord" and ww_form.is_valid():
        # authenticate() with the request: django-axes counts a wrong password and refuses a locked account or
        # network, exactly as on the login page.
        user = auth.authenticate(request, username=ww_form.cleaned_data["username"],
                                 password=ww_form.cleaned_data["password"])
        if user is not None and services.kan_koppelen(user):
            return _koppel_en_log_in(request, aanbieder=aanbieder, subject_hash=data["h"], user=user, via="wachtwoord")
        if getattr(request, "axes_locked_out", False):
            ww_form.add_error(None, _("Er is te vaak een verkeerd wachtwoord gebruikt. Wacht een kwartier en probeer "
                                      "het opnieuw, of vraag een link per e-mail."))
        else:
            ww_form.add_error(None, _("Dit e-mailadres en wachtwoord horen niet bij een ouderaccount. Controleer ze, "
                                      "of vraag een link per e-mail."))
    return render(request, "sso/bevestigen.html", {"aanbieder": aanbieder, "email_form": email_form, "ww_form": ww_form},
                  status=400 if actie and request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def bevestig_link(request, token):
    """The e-mailed link. Opening it only shows a button (a mail scanner that opens links links nothing); the click
    links the broker identity to the account and logs in — only in the browser that logged in through the broker."""
    data, _aanbieder = _wachtend(request)
    try:
        aanbieder, subject_hash, user = services.bevestiging_lees(token=token, nonce=data["n"] if data else None)
    except services.LinkOngeldig as fout:
        return render(request, "sso/link_ongeldig.html", {"fout": str(fout)}, status=400)
    if request.method == "POST":
        return _koppel_en_log_in(request, aanbieder=aanbieder, subject_hash=subject_hash, user=user, via="e-mail bevestigd")
    return render(request, "sso/bevestig_link.html", {"aanbieder": aanbieder})
