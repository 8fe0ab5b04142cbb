from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, KortTekstVeld, PortalForm, TekstVeld

from .constants import Opvolging, Reden, Soort, Wie

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

    def voor_leerling(self):
        """The pupil's own account reads "je" (hoorrecht; as the pupil's OPP pages)."""
        if "wie" not in self.fields:
            self.fields["tekst"].label = _("Wat vind jij? Wat is belangrijk voor jou?")
        return self


class BeeindigForm(PortalForm):
    volledig = forms.TypedChoiceField(
        label=_("Terug naar onderwijs"), coerce=lambda v: v == "ja", widget=forms.RadioSelect,
        choices=[("ja", _("Volledig: de registratie stopt")), ("nee", _("Gedeeltelijk: de registratie loopt door"))])
    op = DatumVeld(label=_("Vanaf"), jaren_terug=1, jaren_vooruit=1)
    waar = KortTekstVeld(label=_("Waar?"), max_length=200)
    uren = forms.DecimalField(label=_("Uren per week"), **UREN)


class OpvolgingForm(PortalForm):
    """The leerplichtambtenaar's follow-up (issue #20 §6)."""

    soort = forms.ChoiceField(label=_("Wat heeft u gedaan?"), choices=Opvolging.choices, widget=forms.RadioSelect)
    op = DatumVeld(label=_("Datum"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    notitie = KortTekstVeld(label=_("Korte notitie"), max_length=500, required=False,
                            help_text=_("Ten hoogste 500 tekens. De school en het samenwerkingsverband lezen dit mee; "
                                        "de ouders niet."))


class KoppelForm(PortalForm):
    """The pupil's other cases meant to end this one (issue #20 §1 "Links")."""

    zaken = forms.ModelMultipleChoiceField(label=_("Welke zaak moet dit oplossen?"), queryset=None, required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zaken"].queryset = keuzes
        self.fields["zaken"].label_from_instance = lambda z: f"{z.nummer}: {z.status_staf}"


class KindVelden(PortalForm):
    voornamen = KortTekstVeld(label=_("Voornamen"), max_length=200)
    achternaam = KortTekstVeld(label=_("Achternaam"), max_length=200,
                               help_text=_("Met tussenvoegsel, zoals het kind bij de gemeente staat ingeschreven."))
    geboortedatum = DatumVeld(label=_("Geboortedatum"), jaren_terug=19, jaren_vooruit=0, niet_na_vandaag=True)


class SignaalForm(KindVelden):
    """Leerplicht reports a child at home (issue #20 §1)."""

    sinds = DatumVeld(label=_("Sinds wanneer (ongeveer) zonder onderwijs?"), jaren_terug=2, jaren_vooruit=0,
                      niet_na_vandaag=True)
    swv = forms.ModelChoiceField(
        label=_("Samenwerkingsverband"), queryset=None, required=False,
        help_text=_("Alleen nodig als het kind niet op een school staat ingeschreven: dan krijgt het "
                    "samenwerkingsverband de melding. Staat het kind wel ingeschreven, dan krijgt de school haar."))
    notitie = KortTekstVeld(label=_("Korte notitie"), max_length=500, required=False)

    def __init__(self, *args, gemeente_ids=(), **kwargs):
        """``gemeente_ids``: where the leerplichtambtenaar works. The SWVs whose region holds one of them (usually one
        po and one vo); all, while no SWV has its municipalities recorded."""
        from portal.organisaties.models import Samenwerkingsverband

        super().__init__(*args, **kwargs)
        qs = Samenwerkingsverband.objects.order_by("naam")
        regio = qs.filter(gemeenten__in=list(gemeente_ids)).distinct()
        self.fields["swv"].queryset = regio if regio.exists() else qs


class SWVRegistreerForm(KindVelden):
    """The SWV registers a child not enrolled anywhere (absoluut verzuim, F-1)."""

    roepnaam = KortTekstVeld(label=_("Roepnaam"), max_length=100, required=False)
    woongemeente = forms.ModelChoiceField(label=_("Woongemeente"), queryset=None,
                                          help_text=_("De leerplichtambtenaar van deze gemeente ziet de registratie."))
    swv = forms.ModelChoiceField(label=_("Samenwerkingsverband"), queryset=None)
    sinds = DatumVeld(label=_("Sinds wanneer geen onderwijs?"), jaren_terug=2, jaren_vooruit=0, niet_na_vandaag=True)
    reden = forms.ChoiceField(label=_("Reden"), choices=Reden.choices)
    toelichting = TekstVeld(label=_("Toelichting"), required=False, rijen=3)

    field_order = ["voornamen", "roepnaam", "achternaam", "geboortedatum", "woongemeente", "swv", "sinds", "reden",
                   "toelichting"]

    def __init__(self, *args, swvs, **kwargs):
        from portal.organisaties.models import Gemeente

        super().__init__(*args, **kwargs)
        self.fields["woongemeente"].queryset = Gemeente.objects.order_by("naam")
        self.fields["swv"].queryset = swvs
        eerste = list(swvs[:2])
        if len(eerste) == 1 and not self.initial.get("swv"):
            self.fields["swv"].initial = eerste[0].pk
