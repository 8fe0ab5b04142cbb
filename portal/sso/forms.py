from django import forms
from django.utils.translation import gettext_lazy as _


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("Uw e-mailadres"), max_length=254,
                             help_text=_("Het adres waarmee u een account heeft bij Passend Portaal."),
                             error_messages={"required": _("Vul uw e-mailadres in."),
                                             "invalid": _("Dit is geen geldig e-mailadres. Bijvoorbeeld: naam@voorbeeld.nl")})


class WachtwoordForm(forms.Form):
    username = forms.EmailField(label=_("E-mailadres"), max_length=254,
                                error_messages={"required": _("Vul uw e-mailadres in."),
                                                "invalid": _("Dit is geen geldig e-mailadres. Bijvoorbeeld: naam@voorbeeld.nl")})
    password = forms.CharField(label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                               error_messages={"required": _("Vul uw wachtwoord in.")})
