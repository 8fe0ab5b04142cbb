from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.csvexport import CSV_TYPE, XLSX_TYPE
from portal.basis.forms import PortalForm

from .lezen import max_bestand


class UploadForm(PortalForm):
    bestand = forms.FileField(
        label=_("Bestand uit uw leerlingadministratie"),
        help_text=_("CSV (met ; of ,) of Excel-werkmap (.xlsx), met de kolommen uit de tabel hieronder."),
        widget=forms.ClearableFileInput(attrs={"accept": f".csv,.xlsx,{CSV_TYPE},{XLSX_TYPE}"}),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg."),
                        "invalid": _("Kies een bestand.")})

    def clean_bestand(self):
        f = self.cleaned_data["bestand"]
        if f.size > max_bestand():
            raise forms.ValidationError(_("Het bestand is groter dan %(mb)s MB. Zet er alleen de kolommen uit de tabel "
                                          "in, of splits het bestand.") % {"mb": max_bestand() // (1024 * 1024)})
        return f
