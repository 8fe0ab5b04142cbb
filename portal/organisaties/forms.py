from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.basis.forms import DatumVeld, KortTekstVeld, PortalForm, TekstVeld

from .models import (
    Beschikbaar,
    Expertise,
    Ingang,
    Lift,
    Ondersteuningsgebied,
    ProfielOnderdeelSoort,
    RaadplegingWijze,
)


class MandaatForm(PortalForm):
    user = forms.ModelChoiceField(label=_("Wie krijgt mandaat?"), queryset=User.objects.none())
    functie = KortTekstVeld(label=_("Functie (staat onder het besluit)"), max_length=200)
    besluittypen = forms.MultipleChoiceField(label=_("Welke besluiten mag deze persoon ondertekenen?"), required=False,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("Niets aangevinkt: alle soorten besluit."))
    van = DatumVeld(label=_("Geldig vanaf"), jaren_terug=1, jaren_vooruit=2)
    tot = DatumVeld(label=_("Geldig tot en met"), required=False, jaren_terug=0, jaren_vooruit=10)

    def __init__(self, *args, kandidaten, besluittypen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = kandidaten
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.email} ({u.email})"
        self.fields["besluittypen"].choices = besluittypen

    def clean(self):
        d = super().clean()
        if d.get("van") and d.get("tot") and d["tot"] < d["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return d


# --- basisondersteuning and support profiles (issue #9 §1) ---------------------------------------------------

class BasisItemForm(PortalForm):
    gebied = forms.ChoiceField(label=_("Gebied"), choices=Ondersteuningsgebied.choices)
    titel = KortTekstVeld(label=_("Titel (in gewone taal)"), max_length=200)
    omschrijving = TekstVeld(label=_("Omschrijving"), required=False)


class PubliceerForm(PortalForm):
    toelichting = TekstVeld(label=_("Wat is er veranderd?"), rijen=2, required=False,
                            help_text=_("Ouders zien dit bij de nieuwe versie."))


class ProfielForm(PortalForm):
    """The scalar fields of a concept version, in sections (the template renders them per section)."""

    schooljaar = KortTekstVeld(label=_("Voor schooljaar (schoolgids)"), max_length=9, required=False,
                               help_text=_("Bijvoorbeeld 2026-2027."))
    basis_toelichting = TekstVeld(label=_("Hoe vult de school de basisondersteuning in?"), rijen=4, required=False)
    groepsgrootte = forms.IntegerField(label=_("Gemiddelde groepsgrootte"), min_value=1, max_value=60, required=False)
    ingang = forms.ChoiceField(label=_("Ingang"), choices=[("", "—")] + Ingang.choices, required=False)
    lift = forms.ChoiceField(label=_("Lift"), choices=[("", "—")] + Lift.choices, required=False)
    toilet_aangepast = forms.BooleanField(label=_("Er is een aangepast toilet (invalidentoilet)"), required=False)
    gymzaal_toegankelijk = forms.BooleanField(label=_("De gymzaal of het speellokaal is toegankelijk met een rolstoel"),
                                              required=False)
    toegankelijkheid_toelichting = TekstVeld(label=_("Toelichting toegankelijkheid"), rijen=2, required=False)
    aanmeldprocedure = TekstVeld(label=_("Aanmeldprocedure"), rijen=3, required=False)
    aanmelden_online = forms.BooleanField(label=_("Aanmelden kan online via Passend Portaal"), required=False)
    kennismaking = forms.BooleanField(label=_("Een kennismakingsgesprek of rondleiding is mogelijk"), required=False)
    raadpleging_op = DatumVeld(label=_("Wanneer gaven leerlingen hun mening?"), required=False, jaren_terug=2,
                               jaren_vooruit=0, niet_na_vandaag=True)
    raadpleging_wijze = forms.ChoiceField(label=_("Hoe gaven leerlingen hun mening?"),
                                          choices=[("", "—")] + RaadplegingWijze.choices, required=False)
    raadpleging_toelichting = TekstVeld(label=_("Toelichting op de raadpleging"), rijen=2, required=False)
    raadpleging_wijzigingen = TekstVeld(label=_("Wat veranderde er door wat leerlingen zeiden?"), rijen=3,
                                        required=False, help_text=_("Schrijf ook op als er niets veranderde, en waarom."))

    SECTIES = [
        (_("Het aanbod"), ["schooljaar", "basis_toelichting", "groepsgrootte"]),
        (_("Toegankelijkheid van het gebouw"), ["ingang", "lift", "toilet_aangepast", "gymzaal_toegankelijk",
                                                "toegankelijkheid_toelichting"]),
        (_("Aanmelden"), ["aanmeldprocedure", "aanmelden_online", "kennismaking"]),
        (_("De mening van leerlingen over dit aanbod"), ["raadpleging_op", "raadpleging_wijze",
                                                          "raadpleging_toelichting", "raadpleging_wijzigingen"]),
    ]

    def clean_schooljaar(self):
        from portal.leerlingen.models import validate_schooljaar

        waarde = (self.cleaned_data.get("schooljaar") or "").strip()
        if waarde:
            validate_schooljaar(waarde)
        return waarde

    def secties(self):
        return [(titel, [self[n] for n in namen]) for titel, namen in self.SECTIES]


class ProfielOnderdeelForm(PortalForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=ProfielOnderdeelSoort.choices, widget=forms.RadioSelect)
    gebied = forms.ChoiceField(label=_("Gebied"), choices=Ondersteuningsgebied.choices)
    titel = KortTekstVeld(label=_("Titel"), max_length=200)
    omschrijving = TekstVeld(label=_("Omschrijving"), rijen=2, required=False)


class ProfielExpertiseForm(PortalForm):
    expertise = forms.ChoiceField(label=_("Expertise"), choices=Expertise.choices)
    beschikbaar = forms.ChoiceField(label=_("Waar komt die vandaan?"), choices=Beschikbaar.choices)
    toelichting = KortTekstVeld(label=_("Toelichting"), max_length=300, required=False)


class VrijePeriodeForm(PortalForm):
    """E-1: a holiday or free day of the school (schorsing days are school days)."""
    omschrijving = KortTekstVeld(label=_("Wat is het?"), max_length=100,
                                 help_text=_("Bijvoorbeeld: herfstvakantie, studiedag, Hemelvaartsdag."))
    van = DatumVeld(label=_("Eerste vrije dag"), jaren_terug=1, jaren_vooruit=2)
    tot = DatumVeld(label=_("Laatste vrije dag"), jaren_terug=1, jaren_vooruit=2,
                    help_text=_("Bij één vrije dag: dezelfde datum."))

    def clean(self):
        d = super().clean()
        if d.get("van") and d.get("tot") and d["tot"] < d["van"]:
            self.add_error("tot", _("De laatste vrije dag ligt vóór de eerste."))
        return d
