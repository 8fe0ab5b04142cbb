import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import Actie
from portal.audit.services import audit_log

from .forms import InstellingenForm, LoginForm, ReauthForm, RegistratieForm, TokenForm
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
        if gekozen in dict(settings.LANGUAGES) and gekozen != user.taal and user.taal == settings.LANGUAGE_CODE:
            user.taal = gekozen
            user.save(update_fields=["taal"])
        audit_log(actor=user, actie=Actie.INGELOGD, obj=user, label=f"Account #{user.pk}")
        return response


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_setup(request):
    """Set up TOTP: a QR code and the secret, confirmed by a first code."""
    if any(True for _ in devices_for_user(request.user, confirmed=True)) and not request.user.is_verified():
        return redirect("accounts:2fa_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator-app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            audit_log(actor=request.user, actie=Actie.GEWIJZIGD, obj=request.user, label=f"Account #{request.user.pk}",
                      omschrijving="Tweestapsverificatie ingesteld")
            messages.success(request, _("Tweestapsverificatie staat aan. Voortaan vraagt het portaal bij het inloggen om een code."))
            return redirect(_safe_next(request))
        form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwste code."))
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/2fa_setup.html", {
        "form": form, "qr_data_uri": qr.svg_data_uri(scale=4, dark="#000", light="#fff"),
        "secret": _b32(device), "demo": settings.DEMO,
    })


def _b32(device) -> str:
    import base64

    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_safe_next(request))
        form.add_error("token", _("Deze code klopt niet of is al gebruikt. Probeer de nieuwste code."))
    return render(request, "accounts/2fa_verify.html", {"form": form, "next": request.GET.get("next", "")})


def reauth_redirect(request):
    """Ask for the password (and TOTP for staff) again before an irreversible act, such as signing a
    decision, unless the user confirmed it on the re-authentication page within PORTAL_REAUTH_SECONDS
    (issue #2 §5). Logging in does not count: the act itself must be confirmed. Call it after
    the access check, so a stranger gets 404 rather than a password prompt. None: go ahead."""
    at = request.session.get(REAUTH_KEY, 0)
    if time.time() - at > settings.PORTAL_REAUTH_SECONDS:
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def reauth(request):
    vraag_code = request.user.vereist_2fa and not settings.DEMO
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok = request.user.check_password(form.cleaned_data["password"])
        if ok and vraag_code:
            token = (form.cleaned_data.get("token") or "").replace(" ", "")
            ok = any(d.verify_token(token) for d in devices_for_user(request.user, confirmed=True))
        if ok:
            request.session[REAUTH_KEY] = time.time()
            return redirect(_safe_next(request))
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
