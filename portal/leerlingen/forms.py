from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, KortTekstVeld, MeerdereKeuze, NaamVeld, PortalForm
from portal.documenten.validators import check_upload
from portal.organisaties.models import School

from .models import VertegenwoordigingSoort, validate_schooljaar


class UitnodigingForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de andere ouder"))
    school = forms.ModelChoiceField(queryset=School.objects.none(), label=_("School die de koppeling bevestigt"),
                                    empty_label=None)

    def __init__(self, *args, leerling, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(inschrijvingen__leerling=leerling).distinct()


class VertegenwoordigingForm(PortalForm):
    """Staff record a curator, mentor or bewindvoerder of an adult pupil, with the court's decision (issue #17 §1)."""

    soort = forms.ChoiceField(label=_("Soort vertegenwoordiging"), choices=VertegenwoordigingSoort.choices,
                              widget=forms.RadioSelect)
    voornaam = NaamVeld(label=_("Voornaam van de vertegenwoordiger"), max_length=150)
    achternaam = NaamVeld(label=_("Achternaam van de vertegenwoordiger"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres van de vertegenwoordiger"),
                             help_text=_("Hier komt de link om in te loggen."))
    van = DatumVeld(label=_("Geldig vanaf"), jaren_terug=20, jaren_vooruit=1,
                    help_text=_("De dag waarop de beschikking van de rechter ingaat."))
    tot = DatumVeld(label=_("Geldig tot en met"), required=False, jaren_terug=20, jaren_vooruit=20)
    uitspraak = KortTekstVeld(label=_("Beschikking van de rechter"),
                              help_text=_("Rechtbank, datum en zaaknummer, bijvoorbeeld: Rechtbank Gelderland, "
                                          "12 maart 2026, C/05/123456."))
    bewijs = forms.FileField(label=_("Kopie van de beschikking"), required=False, validators=[check_upload],
                             help_text=_("PDF, PNG of JPG."))

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


class BeeindigForm(PortalForm):
    tot = DatumVeld(label=_("Laatste dag"), jaren_terug=20, jaren_vooruit=5)


# --- groups and substitutes (issue #18: moved here from the ondersteuning) ---------------------------------------

class GroepForm(PortalForm):
    naam = KortTekstVeld(label=_("Naam van de groep"), max_length=100)
    schooljaar = KortTekstVeld(label=_("Schooljaar"), max_length=9, help_text=_("Bijvoorbeeld 2025-2026."),
                               validators=[validate_schooljaar])
    leerlingen = MeerdereKeuze(label=_("Leerlingen"), queryset=None, required=False,
                                                widget=forms.CheckboxSelectMultiple)
    leerkrachten = MeerdereKeuze(label=_("Leerkrachten"), queryset=None, required=False,
                                                  widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, leerlingen, leerkrachten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerlingen"].queryset = leerlingen
        self.fields["leerlingen"].label_from_instance = lambda lln: lln.naam
        self.fields["leerkrachten"].queryset = leerkrachten
        self.fields["leerkrachten"].label_from_instance = lambda u: u.get_full_name() or u.email


class InvalbeurtForm(PortalForm):
    leerkracht = forms.ModelChoiceField(label=_("Invaller"), queryset=None)
    van = DatumVeld(label=_("Eerste dag"), jaren_terug=0, jaren_vooruit=1)
    tot = DatumVeld(label=_("Laatste dag"), jaren_terug=0, jaren_vooruit=1, help_text=_("Ten hoogste 4 weken."))

    def __init__(self, *args, leerkrachten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerkracht"].queryset = leerkrachten
        self.fields["leerkracht"].label_from_instance = lambda u: u.get_full_name() or u.email

    def clean(self):
        d = super().clean()
        if d.get("van") and d.get("tot"):
            if d["tot"] < d["van"]:
                self.add_error("tot", _("De laatste dag ligt vóór de eerste dag."))
            elif (d["tot"] - d["van"]).days + 1 > 28:
                self.add_error("tot", _("Een invaller krijgt toegang voor ten hoogste 4 weken."))
        return d
