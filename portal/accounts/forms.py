from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}))
    password = forms.CharField(label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters."),
        "inactive": _("Dit account is nog niet actief. Bevestig eerst uw e-mailadres via de link in uw mail."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"), min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
        help_text=_("Zes cijfers, bijvoorbeeld uit Google Authenticator, Microsoft Authenticator of FreeOTP."),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        return token


class VerificatieForm(forms.Form):
    """The code at login (or before a new phone): six digits from the app, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code uit uw authenticator-app"), max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}),
        help_text=_("Zes cijfers uit uw app. Telefoon kwijt? Vul dan een van uw herstelcodes in (tien tekens, zoals "
                    "abcde-23456)."),
    )

    def clean_token(self):
        from .tweestaps import HERSTEL_LENGTE, normaliseer_code

        token = normaliseer_code(self.cleaned_data["token"])
        if token.isdigit() and 6 <= len(token) <= 8:
            return token
        if len(token) == HERSTEL_LENGTE and token.isascii() and token.isalnum() and not token.isdigit():
            return token
        raise forms.ValidationError(_("De code bestaat alleen uit cijfers: de zes cijfers uit uw app. Een herstelcode "
                                      "heeft tien letters en cijfers, zoals abcde-23456."))


class RegistratieForm(forms.Form):
    """A parent creates an account (ouder); the e-mail address is verified before it can be used."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    password1 = forms.CharField(label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("Minstens 10 tekens, niet alleen cijfers en niet te voor de hand liggend."))
    password2 = forms.CharField(label=_("Wachtwoord nogmaals"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De wachtwoorden zijn niet gelijk."))
        if p1:
            from portal.accounts.models import User

            try:
                password_validation.validate_password(
                    p1, User(email=data.get("email", ""), first_name=data.get("first_name", ""), last_name=data.get("last_name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ReauthForm(forms.Form):
    password = forms.CharField(label=_("Uw wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    token = forms.CharField(label=_("Code uit uw authenticator-app"), required=False, max_length=8,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class InstellingenForm(forms.Form):
    """What a user chooses for themself: the language of the portal and its messages, and — for parents —
    whether letters from school reach them in the portal (Awb 2:8; 2:14 before 2026)."""

    taal = forms.ChoiceField(label=_("Taal van het portaal"), choices=[("nl", "Nederlands"), ("en", "English")],
                             widget=forms.RadioSelect)
    brieven_digitaal = forms.TypedChoiceField(
        label=_("Hoe wilt u brieven van de school ontvangen?"), widget=forms.RadioSelect, coerce=lambda v: v == "ja",
        choices=[("ja", _("Digitaal: in Passend Portaal, met een e-mail dat er een brief is")), ("nee", _("Per post"))],
        help_text=_("Kiest u digitaal, dan geldt een besluit als bekendgemaakt zodra het in uw account staat en u "
                    "een melding kreeg."))

    def __init__(self, *args, ouder: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not ouder:
            del self.fields["brieven_digitaal"]
