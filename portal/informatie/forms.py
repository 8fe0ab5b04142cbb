from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import KortTekstVeld, PortalForm, TekstVeld
from portal.organisaties.models import Expertise, Ondersteuningsgebied, Samenwerkingsverband, SchoolSoort

from .checklists import ITEMS
from .constants import NOTITIE_MAX, Antwoord


def _leeg(label):
    return [("", label)]


class ZoekForm(PortalForm):
    """The school finder's filters (GET). Every field is optional; an unknown value is an error at its field."""

    tekst = forms.CharField(label=_("Naam van de school of plaats"), required=False, max_length=100)
    soort = forms.ChoiceField(label=_("Soort onderwijs"), required=False)
    swv = forms.ModelChoiceField(label=_("Samenwerkingsverband"), required=False, queryset=Samenwerkingsverband.objects
                                 .only("pk", "naam").order_by("naam"), empty_label=_("Alle samenwerkingsverbanden"))
    ondersteuning = forms.ChoiceField(label=_("Extra ondersteuning bij"), required=False)
    specialisme = forms.ChoiceField(label=_("Specialisme in"), required=False)
    expertise = forms.ChoiceField(label=_("Deskundige voor leerlingen"), required=False)
    rolstoel = forms.BooleanField(label=_("Rolstoeltoegankelijk (ingang, lift waar nodig en aangepast toilet)"),
                                  required=False)
    lift = forms.BooleanField(label=_("Met een lift naar alle verdiepingen"), required=False)
    gymzaal = forms.BooleanField(label=_("Gymzaal met een rolstoel bereikbaar"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = _leeg(_("Alle soorten")) + list(SchoolSoort.choices)
        gebieden = [c for c in Ondersteuningsgebied.choices if c[0] != Ondersteuningsgebied.OVERIG]
        self.fields["ondersteuning"].choices = _leeg(_("Maakt niet uit")) + gebieden
        self.fields["specialisme"].choices = _leeg(_("Maakt niet uit")) + gebieden
        self.fields["expertise"].choices = _leeg(_("Maakt niet uit")) + list(Expertise.choices)
        for naam, field in self.fields.items():  # a search form: every field is optional, no need to say so
            field.label = self.base_fields[naam].label


class ChecklistForm(PortalForm):
    """One radio group (yes / partly / no / don't know) and one note per item of the checklist. Nothing is
    required: a parent fills it in over time."""

    def __init__(self, *args, soort: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = ITEMS[soort]
        for item in self.items:
            self.fields[f"{item.code}__antwoord"] = forms.ChoiceField(
                label=item.tekst, required=False, choices=list(Antwoord.choices), widget=forms.RadioSelect)
            notitie = TekstVeld(label=_("Notitie"), required=False, max_length=NOTITIE_MAX, rijen=2)
            notitie.widget.attrs["class"] = "form-control"
            self.fields[f"{item.code}__notitie"] = notitie

    def antwoorden(self) -> dict[str, tuple[str, str]]:
        d = self.cleaned_data
        return {i.code: (d.get(f"{i.code}__antwoord") or "", d.get(f"{i.code}__notitie") or "") for i in self.items}

    @staticmethod
    def initial_van(versie) -> dict:
        if versie is None:
            return {}
        out = {}
        for a in versie.antwoorden.all():
            out[f"{a.item}__antwoord"] = a.antwoord
            out[f"{a.item}__notitie"] = a.notitie
        return out


class TerugkoppelingForm(ChecklistForm):
    """A parent's feedback on the school's checklist: anonymous to the school unless the parent chooses otherwise."""

    naam_tonen = forms.BooleanField(
        label=_("De school mag mijn naam en de naam van mijn kind zien"), required=False,
        help_text=_("Als u dit niet aankruist, ziet de school alleen dat een ouder dit heeft ingevuld."))
    kind = forms.ModelChoiceField(label=_("Over welk kind gaat het?"), required=False, queryset=None,
                                  empty_label=_("Kies een kind"))

    def __init__(self, *args, kinderen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinderen
        self.fields["kind"].label_from_instance = lambda k: k.naam

    def clean(self):
        d = super().clean()
        if d.get("naam_tonen") and not d.get("kind"):
            self.add_error("kind", _("Kies het kind waarover het gaat, of laat de naam niet zien."))
        return d


class SteunpuntForm(PortalForm):
    naam = KortTekstVeld(label=_("Naam van het steunpunt"), max_length=200)
    telefoon = forms.RegexField(label=_("Telefoonnummer"), required=False, max_length=30,
                                regex=r"^[0-9+() \-]{6,30}$",
                                error_messages={"invalid": _("Gebruik alleen cijfers, spaties, + en -.")})
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    bereikbaar = KortTekstVeld(label=_("Wanneer bereikbaar"), required=False, max_length=200)

    def clean(self):
        d = super().clean()
        if not (d.get("telefoon") or d.get("email") or d.get("website")) and not self.errors:
            raise forms.ValidationError(_("Vul ten minste een telefoonnummer, een e-mailadres of een website in."))
        return d
