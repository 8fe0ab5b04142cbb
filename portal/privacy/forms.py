from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, PortalForm, TekstVeld

from .models import RechtSoort, Uitkomst


class RechtenverzoekForm(PortalForm):
    """A request for correction or erasure (AVG art. 16, 17): to whom, what, why."""

    aan = forms.ChoiceField(label=_("Aan welke organisatie"),
                            help_text=_("De school of het samenwerkingsverband dat de gegevens heeft."))
    soort = forms.ChoiceField(label=_("Wat vraagt u"), choices=RechtSoort.choices, widget=forms.RadioSelect)
    wat = TekstVeld(label=_("Om welke gegevens gaat het"), max_length=2000,
                    help_text=_("Bijvoorbeeld: de geboortedatum, of het gespreksverslag van 3 maart."))
    waarom = TekstVeld(label=_("Waarom"), max_length=5000,
                       help_text=_("Wat klopt er niet, of waarom moeten de gegevens weg?"))

    def __init__(self, *args, organisaties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aan"].choices = [("", _("Kies een organisatie"))] + [(k, str(o)) for k, o in organisaties]

    def clean_wat(self):
        wat = self.cleaned_data["wat"].strip()
        if len(wat) < 5:
            raise forms.ValidationError(_("Beschrijf om welke gegevens het gaat."), code="kort")
        return wat

    def clean_waarom(self):
        waarom = self.cleaned_data["waarom"].strip()
        if len(waarom) < 5:
            raise forms.ValidationError(_("Schrijf op waarom u dit vraagt."), code="kort")
        return waarom


class AntwoordForm(PortalForm):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Uitkomst.choices, widget=forms.RadioSelect)
    motivering = TekstVeld(label=_("Antwoord aan de verzoeker"), required=False, rijen=5,
                           help_text=_("Wat er is gedaan. Bij (deels) afwijzen: de redenen (AVG artikel 12 lid 4)."))


class VerlengForm(PortalForm):
    datum = DatumVeld(label=_("Nieuwe uiterste datum"), niet_voor_vandaag=True, jaren_terug=0, jaren_vooruit=1)
    reden = TekstVeld(label=_("Reden (gaat naar de verzoeker)"), max_length=2000)


class BewaarForm(PortalForm):
    bevestig = forms.BooleanField(label=_("Ik heb het overzicht gecontroleerd. Voer het uit."),
                                  error_messages={"required": _("Vink aan dat u het overzicht heeft gecontroleerd.")})
