from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import calculator

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SoortForm(forms.Form):
    """The first step of the staff calculator: which kind (whatever the apps registered)."""

    soort = forms.ChoiceField(label=_("Soort termijn"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [(s.naam, s.omschrijving) for s in calculator.soorten()]


def _veldnaam(arg: calculator.Argument) -> str:
    """The kind's start date is the field ``datum`` (so a link ``?soort=…&datum=…`` works for every kind)."""
    return "datum" if arg.start else arg.sleutel


class CalculatorForm(SoortForm):
    """The fields of one registered kind, built from its ``Argument``s: a date, a number, a flag, a word (a choice
    when it has ``keuzes``) or an interval as two date fields ``<naam>_van`` and ``<naam>_tot`` (one interval on the
    page, also where the CLI takes several)."""

    def __init__(self, *args, soort: calculator.Soort | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.soort = soort
        if soort is None:
            return
        self.fields["soort"].widget = forms.HiddenInput()
        for arg in soort.argumenten:
            label = capfirst(arg.help)
            verplicht = arg.verplicht and not arg.groep
            fouten = {"required": _("Dit veld is verplicht: %(wat)s.") % {"wat": arg.help}}
            if arg.soort == calculator.INTERVAL:
                self.fields[f"{arg.sleutel}_van"] = forms.DateField(
                    label=_("%(wat)s: van") % {"wat": label}, required=False, widget=DATUM)
                self.fields[f"{arg.sleutel}_tot"] = forms.DateField(
                    label=_("%(wat)s: tot") % {"wat": label}, required=False, widget=DATUM)
                continue
            if arg.soort == calculator.DATUM:
                veld = forms.DateField(widget=DATUM)
            elif arg.soort == calculator.GETAL:
                veld = forms.IntegerField(min_value=arg.minimum, max_value=arg.maximum)
            elif arg.soort == calculator.VLAG:
                veld, verplicht = forms.BooleanField(), False
            elif arg.keuzes:
                veld = forms.ChoiceField(choices=[("", "—"), *arg.keuzes])
            else:
                veld = forms.CharField(max_length=100)
            veld.label, veld.required = label, verplicht
            veld.error_messages.update(fouten)
            self.fields[_veldnaam(arg)] = veld

    def clean(self):
        d = super().clean()
        for arg in self.soort.argumenten if self.soort else ():
            if arg.soort == calculator.INTERVAL:
                van, tot = d.get(f"{arg.sleutel}_van"), d.get(f"{arg.sleutel}_tot")
                if bool(van) != bool(tot) and f"{arg.sleutel}_van" not in self.errors:
                    self.add_error(f"{arg.sleutel}_tot", _("Vul beide datums in, of geen van beide."))
        return d

    def waarden(self) -> dict:
        """The cleaned values as the kind's function takes them."""
        d, uit = self.cleaned_data, {}
        for arg in self.soort.argumenten:
            if arg.soort == calculator.INTERVAL:
                van, tot = d.get(f"{arg.sleutel}_van"), d.get(f"{arg.sleutel}_tot")
                paar = (van, tot) if van and tot else None
                uit[arg.sleutel] = ([paar] if paar else []) if arg.meerdere else paar
            else:
                waarde = d.get(_veldnaam(arg))
                uit[arg.sleutel] = arg.leeg if waarde in (None, "") else waarde
        return uit
