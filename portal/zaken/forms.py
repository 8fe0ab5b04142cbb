from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, KortTekstVeld, PortalForm, TekstVeld
from portal.documenten.validators import DocumentField
from portal.leerlingen.models import ToestemmingSoort

from .models import Bekendmaking


class AntwoordForm(PortalForm):
    antwoord = TekstVeld(label=_("Uw antwoord"), rijen=4, required=False)
    bestand = DocumentField(label=_("Document toevoegen"), required=False)

    def clean(self):
        d = super().clean()
        if not self.errors and not (d.get("antwoord") or "").strip() and not d.get("bestand"):
            self.add_error("antwoord", _("Schrijf een antwoord of voeg een document toe."))
        return d


class InformatieVerzoekForm(PortalForm):
    omschrijving = TekstVeld(label=_("Welke informatie vraagt u, en waarom?"))
    antwoord_uiterlijk = DatumVeld(label=_("Antwoord uiterlijk"), jaren_terug=0, jaren_vooruit=1, niet_voor_vandaag=True)


class ToestemmingVraagForm(PortalForm):
    soort = forms.ChoiceField(label=_("Waarvoor vraagt u toestemming?"), choices=ToestemmingSoort.choices,
                              widget=forms.RadioSelect)
    ontvanger = KortTekstVeld(label=_("Organisatie of deskundige"), max_length=200)
    doel = TekstVeld(label=_("Doel"), rijen=2)
    omvang = TekstVeld(label=_("Omvang: welke gegevens, met wie, hoe lang"), rijen=2)
    toelichting = TekstVeld(label=_("Toelichting voor de ouders"), rijen=2, required=False)


class OndertekenForm(PortalForm):
    """Only asked when the decision cannot be made known online (not every parent chose digital letters)."""

    bekendmaking = forms.ChoiceField(label=_("Hoe krijgen de ouders de brief?"), widget=forms.RadioSelect,
                                     choices=[(Bekendmaking.POST, _("Per post")),
                                              (Bekendmaking.UITGEREIKT, _("Persoonlijk uitgereikt"))])
    verzonden_op = DatumVeld(label=_("Op welke dag gaat de brief op de post of wordt hij uitgereikt?"), jaren_terug=0,
                             jaren_vooruit=1, niet_voor_vandaag=True,
                             help_text=_("Dit is de dag van bekendmaking. De brief noemt hem, en de termijnen voor "
                                         "bezwaar en geschil tellen vanaf de dag erna."))
