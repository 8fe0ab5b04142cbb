from django import forms
from django.utils.translation import gettext_lazy as _

from portal.organisaties.models import School


class UitnodigingForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de andere ouder"))
    school = forms.ModelChoiceField(queryset=School.objects.none(), label=_("School die de koppeling bevestigt"),
                                    empty_label=None)

    def __init__(self, *args, leerling, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(inschrijvingen__leerling=leerling).distinct()
