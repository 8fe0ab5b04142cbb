import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from portal.audit.models import Actie
from portal.audit.services import audit_log

from . import tweestaps
from .forms import InstellingenForm, LoginForm, ReauthForm, RegistratieForm, TokenForm, VerificatieForm
from .services import ouder_registreer, ouder_verifieer_email

REAUTH_KEY = "portal_reauth_at"


def _safe_next(request, default="core:home"):
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return nxt
    return reverse(default)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        # A visitor who chose another language before logging in keeps it: the account takes it over while it
        # still has the default (the language switch is an explicit choice; the browser's guess never counts).
        gekozen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if (gekozen in dict(settings.LANGUAGES) and gekozen != user.taal and user.taal == settings.LANGUAGE_CODE
                and gekozen not in settings.TALEN_ALLEEN_OPENBAAR):  # Arabic: public pages only (issue #22 §1)
            user.taal = gekozen
            user.save(update_fields=["taal"])
        audit_log(actor=user, actie=Actie.INGELOGD, obj=user, label=f"Account #{user.pk}")
        # Staff without a second factor: the link to set it up goes to the account's own address (issue #19 §2).
        tweestaps.koppellink_bij_inloggen(user=user)
        return response


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_setup(request):
    """Set up the authenticator app (issue #19 §2). The secret is shown only to a session that used an e-mailed link
    (or gave the current code for a new phone); everyone else reads that a link is on its way and may ask for a new
    one. Confirming the first code shows the ten recovery codes, once."""
    user = request.user
    device = tweestaps.koppeling_uit_sessie(user=user, session=request.session)
    if device is None:
        if tweestaps.is_gekoppeld(user) and not user.is_verified():
            return redirect("accounts:2fa_verify")
        return render(request, "accounts/2fa_setup.html", {
            "gekoppeld": tweestaps.is_gekoppeld(user), "open_link": tweestaps.open_link(user),
            "verplicht": user.vereist_2fa and not settings.DEMO,
        })
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = tweestaps.tweestaps_bevestig(user=user, device=device, code=form.cleaned_data["token"],
                                                 session=request.session)
        except tweestaps.TweestapsFout as fout:
            form.add_error("token", str(fout))
        else:
            device.refresh_from_db()
            otp_login(request, device)
            messages.success(request, _("Tweestapsverificatie staat aan. Voortaan vraagt het portaal bij het inloggen om een code."))
            return _toon_herstelcodes(request, codes)
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/2fa_setup.html", {
        "device": device, "form": form, "qr_data_uri": qr.svg_data_uri(scale=4, dark="#000", light="#fff"),
        "secret": _b32(device),
    })


def _toon_herstelcodes(request, codes):
    """The recovery codes, shown once in the answer to the POST that made them (never stored for a later page)."""
    response = render(request, "accounts/herstelcodes.html", {"codes": codes, "next": _safe_next(request)})
    response["Cache-Control"] = "no-store"
    return response


def _b32(device) -> str:
    import base64

    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@login_required
@require_POST
def twofactor_link(request):
    """Ask for a (new) link to set up the second factor, e-mailed to the account's own address (rate-limited)."""
    try:
        tweestaps.koppellink_aanvragen(user=request.user)
    except tweestaps.TweestapsFout as fout:
        messages.warning(request, str(fout))
    else:
        messages.success(request, _("We hebben een nieuwe link gestuurd naar uw e-mailadres. Oudere links werken niet meer."))
    return redirect("accounts:2fa_setup")


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_koppelen(request, token):
    """The e-mailed link. Opening it only asks for a click (a mail scanner that opens links does not use it up); the
    click uses the link and shows the secret to this session."""
    try:
        if request.method == "POST":
            tweestaps.koppellink_gebruik(user=request.user, token=token, session=request.session)
            return redirect("accounts:2fa_setup")
        tweestaps.koppellink_controleer(user=request.user, token=token)
    except tweestaps.TweestapsFout as fout:
        return render(request, "accounts/2fa_link_ongeldig.html", {
            "fout": str(fout), "gekoppeld": tweestaps.is_gekoppeld(request.user)}, status=400)
    return render(request, "accounts/2fa_koppelen.html")


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_verify(request):
    form = VerificatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = tweestaps.tweede_factor_controleer(user=request.user, code=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                over = tweestaps.herstelcodes_over(request.user)
                messages.warning(request, _("U bent ingelogd met een herstelcode. U heeft er nog %(over)s. Telefoon "
                                            "kwijt? Koppel een nieuwe via 'Tweestapsverificatie'.") % {"over": over})
            return redirect(_safe_next(request))
        form.add_error("token", _("Deze code klopt niet of is al gebruikt. Probeer de nieuwste code."))
    return render(request, "accounts/2fa_verify.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
@require_http_methods(["GET", "POST"])
def tweestaps_beheer(request):
    """The account's second factor: how many recovery codes are left, new recovery codes (with the current code of
    the app), a new phone (with the current code or a recovery code)."""
    user = request.user
    actie = request.POST.get("actie") if request.method == "POST" else None
    codes_form = TokenForm(request.POST if actie == "herstelcodes" else None, prefix="herstel")
    opnieuw_form = VerificatieForm(request.POST if actie == "opnieuw" else None, prefix="opnieuw")
    if actie == "herstelcodes" and codes_form.is_valid():
        try:
            codes = tweestaps.herstelcodes_vernieuw(user=user, code=codes_form.cleaned_data["token"])
        except tweestaps.TweestapsFout as fout:
            codes_form.add_error("token", str(fout))
        else:
            return _toon_herstelcodes(request, codes)
    if actie == "opnieuw" and opnieuw_form.is_valid():
        try:
            tweestaps.opnieuw_koppelen(user=user, code=opnieuw_form.cleaned_data["token"], session=request.session)
        except tweestaps.TweestapsFout as fout:
            opnieuw_form.add_error("token", str(fout))
        else:
            return redirect("accounts:2fa_setup")
    return render(request, "accounts/tweestaps.html", {
        "gekoppeld": tweestaps.is_gekoppeld(user), "over": tweestaps.herstelcodes_over(user),
        "codes_form": codes_form, "opnieuw_form": opnieuw_form,
    })


def reauth_redirect(request):
    """Ask for the password (and TOTP for staff) again before an irreversible act, such as signing a
    decision, unless the user confirmed it on the re-authentication page within PORTAL_REAUTH_SECONDS
    (issue #2 §5). Logging in does not count: the act itself must be confirmed. Call it after
    the access check, so a stranger gets 404 rather than a password prompt. None: go ahead."""
    at = request.session.get(REAUTH_KEY, 0)
    if time.time() - at > settings.PORTAL_REAUTH_SECONDS:
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    return None


REAUTH_FOUTEN_KEY = "portal_reauth_fouten"
REAUTH_MAX_FOUTEN = 5


@login_required
@require_http_methods(["GET", "POST"])
def reauth(request):
    """The password (and code) again before an irreversible act. Guessing here is guessing a password without the
    login page's lockout (django-axes): after ``REAUTH_MAX_FOUTEN`` wrong answers in a row the session ends, so the
    next try goes through the login page and its lockout."""
    vraag_code = request.user.vereist_2fa and not settings.DEMO
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok = request.user.check_password(form.cleaned_data["password"])
        if ok and vraag_code:
            ok = tweestaps.tweede_factor_controleer(user=request.user, code=form.cleaned_data.get("token") or "") is not None
        if ok:
            request.session.pop(REAUTH_FOUTEN_KEY, None)
            request.session[REAUTH_KEY] = time.time()
            return redirect(_safe_next(request))
        fouten = request.session.get(REAUTH_FOUTEN_KEY, 0) + 1
        if fouten >= REAUTH_MAX_FOUTEN:
            user = request.user
            audit_log(actor=user, actie=Actie.SYSTEEM, obj=user, label=f"Account #{user.pk}",
                      omschrijving=f"Uitgelogd na {fouten} verkeerde wachtwoorden bij het bevestigen van een handeling")
            logout(request)
            messages.error(request, _("U vulde te vaak een verkeerd wachtwoord of een verkeerde code in. Log opnieuw in."))
            return redirect("accounts:login")
        request.session[REAUTH_FOUTEN_KEY] = fouten
        form.add_error(None, _("Wachtwoord of code klopt niet."))
    return render(request, "accounts/reauth.html", {"form": form, "vraag_code": vraag_code, "next": request.GET.get("next", "")})


@require_http_methods(["GET", "POST"])
def registreer(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = RegistratieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        ouder_registreer(email=d["email"], first_name=d["first_name"], last_name=d["last_name"], password=d["password1"])
        return render(request, "accounts/registreer_verstuurd.html", {"email": d["email"]})
    return render(request, "accounts/registreer.html", {"form": form})


def verify_email(request, token):
    user = ouder_verifieer_email(token=token)
    if user is None:
        return render(request, "accounts/verify_ongeldig.html", status=400)
    messages.success(request, _("Uw e-mailadres is bevestigd. U kunt nu inloggen."))
    return redirect("accounts:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        # Whoever can open the e-mailed link owns the account: a lock of the account ends with the new password
        # (issue #19 §1; the lockout page says so). A network lock stays.
        from .throttling import account_vrijgeven

        response = super().form_valid(form)
        account_vrijgeven(email=form.user.email)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def instellingen(request):
    """The user's own choices: language (never the browser's guess) and, for parents, digital letters."""
    user = request.user
    ouder = "ouder" in user.rollen
    form = InstellingenForm(request.POST or None, ouder=ouder,
                            initial={"taal": user.taal, "brieven_digitaal": "ja" if user.brieven_digitaal else "nee"})
    if request.method == "POST" and form.is_valid():
        oud = {"taal": user.taal, "brieven_digitaal": user.brieven_digitaal}
        user.taal = form.cleaned_data["taal"]
        if ouder:
            user.brieven_digitaal = form.cleaned_data["brieven_digitaal"]
        user.save(update_fields=["taal", "brieven_digitaal"])
        from portal.audit.services import diff

        audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=user, label=f"Account #{user.pk}",
                  wijzigingen=diff(oud, {"taal": user.taal, "brieven_digitaal": user.brieven_digitaal}))
        messages.success(request, _("Uw keuzes zijn opgeslagen."))
        return redirect("accounts:instellingen")
    return render(request, "accounts/instellingen.html", {"form": form})
