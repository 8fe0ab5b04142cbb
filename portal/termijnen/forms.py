from django import forms
from django.utils.translation import gettext_lazy as _

from .calculator import SOORTEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CalculatorForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort termijn"), choices=list(SOORTEN.items()))
    datum = forms.DateField(label=_("Startdatum"), widget=DATUM, help_text=_(
        "Aanmelding: ontvangst · OPP: inschrijving · TLV: aanvraag of afgifte · bezwaar: bekendmaking · "
        "geschil: besluit (of ontvangst bij de commissie, zie hieronder) · schorsing: bekendmaking · reactie op een "
        "oordeel: de dag van het oordeel."))
    opschorting_van = forms.DateField(label=_("Opgeschort vanaf (optioneel)"), required=False, widget=DATUM)
    opschorting_tot = forms.DateField(label=_("Opgeschort tot, niet meegerekend (optioneel)"), required=False, widget=DATUM)
    verlenging = forms.IntegerField(label=_("Verlenging in weken (aanmelding, optioneel)"), required=False,
                                    min_value=1, max_value=4)
    geboortedatum = forms.DateField(label=_("Geboortedatum kind (aanmelding, optioneel)"), required=False, widget=DATUM)
    schooljaren = forms.IntegerField(label=_("Aantal schooljaren (TLV-einddatum)"), required=False, min_value=1, max_value=10)
    sector = forms.ChoiceField(label=_("Soort school (bezwaar: beslistermijn A-13b, optioneel)"), required=False,
                               choices=[("", "—"), ("po", _("po")), ("so", _("(v)so")), ("vo", _("vo"))])
    denominatie = forms.ChoiceField(label=_("Denominatie (bezwaar, optioneel)"), required=False, choices=[
        ("", "—"), ("openbaar", _("openbaar")), ("bijzonder", _("bijzonder")), ("samenwerking", _("samenwerking"))])
    ontvangen = forms.DateField(label=_("Bezwaar ontvangen op (bezwaar, schorsing; optioneel)"), required=False,
                                widget=DATUM)
    ter_post = forms.DateField(label=_("Bezwaar op de post gedaan op (Awb 6:9 lid 2; optioneel)"), required=False,
                               widget=DATUM)
    geschil_ontvangen = forms.BooleanField(label=_("Geschil: de datum is de ontvangst bij de commissie (oordeel, D-3)"),
                                           required=False)

    def clean(self):
        d = super().clean()
        van, tot = d.get("opschorting_van"), d.get("opschorting_tot")
        if bool(van) != bool(tot):
            self.add_error("opschorting_tot", _("Vul beide datums van de opschorting in, of geen van beide."))
        if d.get("soort") == "tlv-einddatum" and not d.get("schooljaren"):
            self.add_error("schooljaren", _("Vul het aantal schooljaren in."))
        return d
