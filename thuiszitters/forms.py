from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, KortTekstVeld, PortalForm, TekstVeld

from .constants import Reden, Soort, Wie

UREN = {"min_value": 0, "max_value": 40, "max_digits": 4, "decimal_places": 1}


class RegistreerForm(PortalForm):
    leerling = forms.ModelChoiceField(label=_("Leerling"), queryset=None)
    sinds = DatumVeld(label=_("Sinds wanneer geen (volledig) onderwijs?"), jaren_terug=2, jaren_vooruit=0,
                      niet_na_vandaag=True)
    soort = forms.ChoiceField(label=_("Soort verzuim"), choices=Soort.choices, widget=forms.RadioSelect)
    uren_per_week = forms.DecimalField(label=_("Uren onderwijs per week (alleen bij gedeeltelijk onderwijs)"),
                                       required=False, **UREN)
    reden = forms.ChoiceField(label=_("Reden"), choices=Reden.choices)
    toelichting = TekstVeld(label=_("Toelichting"), required=False, rijen=3)

    def __init__(self, *args, leerlingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen

    def clean(self):
        d = super().clean()
        if d.get("soort") in (Soort.GEDEELTELIJK_MET, Soort.GEDEELTELIJK_ZONDER) and d.get("uren_per_week") is None:
            self.add_error("uren_per_week", _("Vul in hoeveel uur per week de leerling nog onderwijs krijgt."))
        return d


class PlanForm(PortalForm):
    wat = TekstVeld(label=_("Wat gebeurt er?"), rijen=3)
    wie = KortTekstVeld(label=_("Wie doet het?"), max_length=200)
    volgende_datum = DatumVeld(label=_("Volgende afspraak"), required=False, jaren_terug=0, jaren_vooruit=1)


class VerzuimForm(PortalForm):
    week = DatumVeld(label=_("Week (een dag in die week)"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    uren = forms.DecimalField(label=_("Uren ongeoorloofd verzuim in die week"), **UREN)


class LeerplichtForm(PortalForm):
    op = DatumVeld(label=_("Leerplicht geïnformeerd op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)


class MeningForm(PortalForm):
    wie = forms.ChoiceField(label=_("Van wie is deze mening?"), choices=Wie.choices)
    tekst = TekstVeld(label=_("Mening"), rijen=4)

    def __init__(self, *args, staf: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not staf:
            del self.fields["wie"]
            self.fields["tekst"].label = _("Wat vindt u? Wat is belangrijk voor u?")


class BeeindigForm(PortalForm):
    volledig = forms.TypedChoiceField(
        label=_("Terug naar onderwijs"), coerce=lambda v: v == "ja", widget=forms.RadioSelect,
        choices=[("ja", _("Volledig: de registratie stopt")), ("nee", _("Gedeeltelijk: de registratie loopt door"))])
    op = DatumVeld(label=_("Vanaf"), jaren_terug=1, jaren_vooruit=1)
    waar = KortTekstVeld(label=_("Waar?"), max_length=200)
    uren = forms.DecimalField(label=_("Uren per week"), **UREN)
