"""The board's admin creates a client for its own systems (issue #21 §2): for the board, one of its schools, or the
SWV it governs, with the scopes that fit that kind of organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import NaamVeld, PortalForm

from .registry import SCOPES

SOORT_NAAM = {"school": _("een school"), "bestuur": _("een bestuur"), "swv": _("een samenwerkingsverband")}


class KoppelingForm(PortalForm):
    naam = NaamVeld(label=_("Naam van het systeem"), max_length=200,
                    help_text=_("Zo herkent u de koppeling later, bijvoorbeeld 'ParnasSys De Regenboog'."),
                    error_messages={"required": _("Geef het systeem een naam.")})
    organisatie = forms.ChoiceField(label=_("Organisatie van het systeem"),
                                    error_messages={"required": _("Kies de organisatie van het systeem."),
                                                    "invalid_choice": _("Kies een organisatie uit de lijst.")})
    scopes = forms.MultipleChoiceField(
        label=_("Wat het systeem mag"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies alleen wat het systeem nodig heeft. Het ziet nooit meer dan de medewerkers van die "
                    "organisatie in het portaal zien."),
        error_messages={"required": _("Kies ten minste één onderdeel."),
                        "invalid_choice": _("Kies alleen onderdelen uit de lijst.")})

    def __init__(self, *args, organisaties: dict, **kwargs):
        """``organisaties``: key ("school-12") → (kind, organisation) — what this user may create clients for."""
        super().__init__(*args, **kwargs)
        self.organisaties = organisaties
        self.fields["organisatie"].choices = [("", _("Kies…"))] + [
            (sleutel, f"{org} ({SOORT_NAAM[soort]})") for sleutel, (soort, org) in organisaties.items()]
        self.fields["scopes"].choices = [
            (s.naam, _("%(omschrijving)s (%(naam)s; voor %(voor)s)") % {
                "omschrijving": s.omschrijving, "naam": s.naam,
                "voor": ", ".join(str(SOORT_NAAM[x]) for x in ("school", "bestuur", "swv") if x in s.organisaties)})
            for s in SCOPES.values()]

    def clean(self):
        data = super().clean()
        gekozen = self.organisaties.get(data.get("organisatie") or "")
        if gekozen is not None and data.get("scopes"):
            soort = gekozen[0]
            past_niet = [s for s in data["scopes"] if soort not in SCOPES[s].organisaties]
            if past_niet:
                self.add_error("scopes", _("Dit past niet bij %(soort)s: %(wat)s. Een systeem ziet nooit meer dan de "
                                           "medewerkers van de organisatie in het portaal.")
                               % {"soort": SOORT_NAAM[soort], "wat": ", ".join(past_niet)})
        return data

    def organisatie_kwargs(self) -> dict:
        soort, org = self.organisaties[self.cleaned_data["organisatie"]]
        return {soort: org}
