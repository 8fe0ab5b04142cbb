from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.core.forms import DatumVeld, KortTekstVeld, PortalForm


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
