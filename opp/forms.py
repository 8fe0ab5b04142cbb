"""Forms of the OPP. Field checks here; the rules of the law in ``services.py`` (a refused form is shown again with
the input kept and the error at the field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import (
    NIET_VERPLICHT,
    DatumVeld,
    KortTekstVeld,
    MeerdereKeuze,
    NaamVeld,
    PortalForm,
    TekstVeld,
)
from portal.documenten.validators import DocumentField

from .constants import UITSTROOM_PER_SOORT, EindeReden, Gebied, Keuze, Overeenstemming, Vervolg, Voortgang

VOOR_VASTSTELLING = _("Nodig voor de vaststelling; tussendoor opslaan kan zonder.")


def nodig_voor_vaststelling(form, *namen) -> None:
    """Fields the law requires in the OPP (B-3) but that may be saved empty while drafting: no '(niet verplicht)'
    in their label, and a hint that the vaststelling needs them."""
    for naam in namen:
        veld = form.fields[naam]
        veld.label = str(veld.label).replace(f" {NIET_VERPLICHT}", "")
        veld.help_text = f"{veld.help_text} {VOOR_VASTSTELLING}".strip()


class DocumentForm(PortalForm):
    bestand = DocumentField(label=_("Document toevoegen"))


class StartForm(PortalForm):
    """Issue #10 item 1: a pupil enrolled before the portal was used."""

    TERMIJN, EXTRA, BESTAAND = "termijn", "extra", "bestaand"
    inschrijving = forms.ModelChoiceField(label=_("Leerling"), queryset=None)
    hoe = forms.ChoiceField(label=_("Wat wilt u doen?"), widget=forms.RadioSelect, initial=TERMIJN, choices=[
        (TERMIJN, _("Het OPP opstellen: de termijn van 6 weken loopt vanaf de inschrijfdatum")),
        (EXTRA, _("Het OPP opstellen voor een leerling die al langer is ingeschreven en nu extra ondersteuning krijgt: "
                  "de school hanteert 6 weken vanaf de start van de extra ondersteuning (geen wettelijke termijn)")),
        (BESTAAND, _("Een OPP registreren dat al is vastgesteld (met het document en de datum)"))])
    ingeschreven_op = DatumVeld(label=_("Ingeschreven op"), required=False, jaren_terug=15, jaren_vooruit=0,
                                niet_na_vandaag=True,
                                help_text=_("Bij 'opstellen': de 6 weken lopen vanaf deze dag (na een tijdelijke "
                                            "inschrijving: de dag van de definitieve plaatsing)."))
    ondersteuning_start = DatumVeld(
        label=_("Start van de extra ondersteuning"), required=False, jaren_terug=2, jaren_vooruit=0,
        niet_na_vandaag=True,
        help_text=_("Bij 'extra ondersteuning': de termijn loopt vanaf deze dag. Dit is geen wettelijke termijn; de "
                    "wettelijke termijn van 6 weken loopt vanaf de inschrijving."))
    vastgesteld_op = DatumVeld(label=_("Vastgesteld op"), required=False, jaren_terug=15, jaren_vooruit=0,
                               niet_na_vandaag=True, help_text=_("Bij 'registreren': de datum op het vastgestelde OPP."))
    laatste_evaluatie_op = DatumVeld(label=_("Laatst geëvalueerd op"), required=False, jaren_terug=15, jaren_vooruit=0,
                                     niet_na_vandaag=True)
    bestand = DocumentField(label=_("Het vastgestelde OPP"), required=False)

    def __init__(self, *args, inschrijvingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inschrijving"].queryset = inschrijvingen
        self.fields["inschrijving"].label_from_instance = (
            lambda i: f"{i.leerling.naam} ({i.leerling.geboortedatum:%d-%m-%Y}) — {i.school.naam}")

    def clean(self):
        d = super().clean()
        if d.get("hoe") == self.TERMIJN and not d.get("ingeschreven_op") and "ingeschreven_op" not in self.errors:
            self.add_error("ingeschreven_op", _("Vul de inschrijfdatum in."))
        if d.get("hoe") == self.EXTRA and not d.get("ondersteuning_start") and "ondersteuning_start" not in self.errors:
            self.add_error("ondersteuning_start", _("Vul de dag in waarop de extra ondersteuning start."))
        if d.get("hoe") == self.BESTAAND:
            if not d.get("vastgesteld_op") and "vastgesteld_op" not in self.errors:
                self.add_error("vastgesteld_op", _("Vul de datum van vaststelling in."))
            if not d.get("bestand") and "bestand" not in self.errors:
                self.add_error("bestand", _("Voeg het vastgestelde OPP toe."))
        return d


class PerspectiefForm(PortalForm):
    """The perspective part (B-3; B-6 for vso). Saving is always possible; the completeness check names what is
    missing before the vaststelling."""

    uitstroom = forms.ChoiceField(label=_("Verwachte uitstroombestemming"), required=False)
    uitstroom_toelichting = KortTekstVeld(label=_("Toelichting op de uitstroombestemming"), max_length=300,
                                          required=False, help_text=_("Bijvoorbeeld: vmbo-k met leerwegondersteuning."))
    onderbouwing = TekstVeld(label=_("Onderbouwing"), required=False, rijen=4,
                             help_text=_("Waarom deze bestemming te verwachten is: gegevens over de ontwikkeling, toetsen, "
                                         "onderzoek."))
    belemmerende_factoren = TekstVeld(label=_("Belemmerende factoren"), required=False,
                                      help_text=_("Wat de ontwikkeling van de leerling belemmert."))
    bevorderende_factoren = TekstVeld(label=_("Bevorderende factoren"), required=False,
                                      help_text=_("Wat de ontwikkeling van de leerling helpt."))
    sterke_kanten = TekstVeld(label=_("Waar de leerling goed in is"), required=False)
    onderwijsbehoeften = TekstVeld(label=_("Wat de leerling nodig heeft"), required=False)
    verwachting_ouders = TekstVeld(label=_("Wat de ouders verwachten"), required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        from .constants import Uitstroom

        nodig_voor_vaststelling(self, "uitstroom", "onderbouwing", "belemmerende_factoren", "bevorderende_factoren")
        keuzes = UITSTROOM_PER_SOORT.get(school.soort, [])
        self.fields["uitstroom"].choices = [("", _("— kies —"))] + [(u.value, Uitstroom(u).label) for u in keuzes]
        if school.soort == "vso":
            self.fields["uitstroom"].label = _("Uitstroomprofiel")
            self.fields["uitstroom"].help_text = _("In het vso een van de drie uitstroomprofielen (WEC artikel 14).")


class HandelingsdeelForm(PortalForm):
    ondersteuning = TekstVeld(label=_("De ondersteuning die de leerling krijgt"), required=False, rijen=4)
    afwijkingen = TekstVeld(label=_("Afwijkingen van het onderwijsprogramma"), required=False,
                            help_text=_("Bijvoorbeeld: vrijstelling van een vak, een aangepast rooster, eigen leerlijn."))
    geen_afwijkingen = forms.BooleanField(label=_("Er zijn geen afwijkingen van het onderwijsprogramma"), required=False)
    taakverdeling = TekstVeld(label=_("Wie doet wat"), required=False,
                              help_text=_("Afspraken tussen school, ouders, leerling en anderen."))
    arrangementen = MeerdereKeuze(label=_("Arrangementen uit het ondersteuningsaanbod"), required=False,
                                                   queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, arrangementen, regulier: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import arrangement_samenvattingen

        if regulier:  # B-3: in regular schools the support and the afwijkingen (or that there are none)
            nodig_voor_vaststelling(self, "ondersteuning", "afwijkingen")

        titels = {a["arrangement_id"]: a["titel"] for a in arrangement_samenvattingen(arrangementen)}
        self.fields["arrangementen"].queryset = arrangementen
        self.fields["arrangementen"].label_from_instance = lambda zaak: titels.get(zaak.pk, zaak.nummer)

    def clean(self):
        d = super().clean()
        if d.get("geen_afwijkingen") and (d.get("afwijkingen") or "").strip():
            self.add_error("afwijkingen", _("Beschrijf de afwijkingen, of kies 'er zijn geen afwijkingen' — niet allebei."))
        return d


class DoelForm(PortalForm):
    gebied = forms.ChoiceField(label=_("Gebied"), choices=Gebied.choices)
    omschrijving = TekstVeld(label=_("Doel"), rijen=2)
    criterium = TekstVeld(label=_("Meetbaar criterium"), required=False, rijen=2,
                          help_text=_("Waaraan zie je dat het doel bereikt is? Bijvoorbeeld: leest 60 woorden per minuut "
                                      "foutloos."))
    streefdatum = DatumVeld(label=_("Bereikt op"), required=False, jaren_terug=1, jaren_vooruit=3)
    aanpak = TekstVeld(label=_("Wat we doen"), required=False, rijen=2)
    wie = KortTekstVeld(label=_("Wie doet wat"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        nodig_voor_vaststelling(self, "criterium", "streefdatum")


class OverlegForm(PortalForm):
    datum = DatumVeld(label=_("Datum van het overleg"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    deelnemers = TekstVeld(label=_("Wie waren erbij"), rijen=2, max_length=1000)
    besproken = TekstVeld(label=_("Wat is besproken"))
    overeenstemming = forms.ChoiceField(label=_("Uitkomst"), choices=Overeenstemming.choices, widget=forms.RadioSelect)
    afspraken = TekstVeld(label=_("Waarover zijn we het eens"), required=False)
    niet_eens = TekstVeld(label=_("Waarover zijn we het (nog) niet eens"), required=False)

    def clean(self):
        d = super().clean()
        uitkomst = d.get("overeenstemming")
        if uitkomst in (Overeenstemming.JA, Overeenstemming.DEELS) and not (d.get("afspraken") or "").strip():
            self.add_error("afspraken", _("Schrijf op waarover u het eens bent."))
        if uitkomst in (Overeenstemming.NEE, Overeenstemming.DEELS) and not (d.get("niet_eens") or "").strip():
            self.add_error("niet_eens", _("Schrijf op waarover u het (nog) niet eens bent."))
        return d


class InbrengForm(PortalForm):
    """The pupil's view (B-7). The school may record honestly that the pupil cannot give a view (e.g. EMB), with how
    it was asked — then no text is needed."""

    geen_mening = forms.BooleanField(
        label=_("De leerling is niet in staat een mening te geven"), required=False,
        help_text=_("Bijvoorbeeld bij een ernstige meervoudige beperking. Schrijf hieronder hoe u het heeft gevraagd. "
                    "Schrijf geen mening op die de leerling niet gaf."))
    tekst = TekstVeld(label=_("Mening"), rijen=5)
    hoe_gevraagd = KortTekstVeld(label=_("Hoe is het gevraagd?"), max_length=300,
                                 help_text=_("Bijvoorbeeld: in een gesprek met de mentor, met tekeningen, met "
                                             "pictogrammen, door te kijken hoe de leerling reageert."))

    def __init__(self, *args, rol, **kwargs):
        super().__init__(*args, **kwargs)
        if rol == "school":
            self.fields["tekst"].label = _("De mening van de leerling")
            self.fields["tekst"].required = False
            self.fields["tekst"].help_text = _("Nodig, tenzij de leerling niet in staat is een mening te geven.")
        else:
            del self.fields["hoe_gevraagd"]
            del self.fields["geen_mening"]
            self.fields["tekst"].label = _("Jouw mening") if rol == "leerling" else _("Uw mening")

    def clean(self):
        d = super().clean()
        if "geen_mening" in self.fields and not d.get("geen_mening") and not (d.get("tekst") or "").strip() \
                and "tekst" not in self.errors:
            self.add_error("tekst", _("Schrijf de mening van de leerling op, of kies dat de leerling niet in staat is een "
                                      "mening te geven."))
        return d


class InstemmingForm(PortalForm):
    keuze = forms.ChoiceField(label=_("Stemt u in met het handelingsdeel?"), widget=forms.RadioSelect,
                              choices=[(Keuze.INGESTEMD, _("Ja, ik stem in")), (Keuze.GEWEIGERD, _("Nee, ik stem niet in"))])
    toelichting = TekstVeld(label=_("Toelichting"), required=False,
                            help_text=_("Schrijf waarom, als u niet instemt. De school leest het en praat met u verder."))


class PapierForm(PortalForm):
    naam = NaamVeld(label=_("Naam van de ouder die tekende"), required=False,
                    help_text=_("Een ouder met gezag die geen account heeft."))
    keuze = forms.ChoiceField(label=_("Antwoord op het formulier"), widget=forms.RadioSelect,
                              choices=[(Keuze.INGESTEMD, _("Stemt in")), (Keuze.GEWEIGERD, _("Stemt niet in"))])
    datum = DatumVeld(label=_("Datum op het formulier"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    bestand = DocumentField(label=_("Het ondertekende formulier"))
    toelichting = TekstVeld(label=_("Toelichting op het formulier"), required=False)

    def __init__(self, *args, leerling_zelf: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.leerling_zelf = leerling_zelf
        if leerling_zelf:
            del self.fields["naam"]

    def clean(self):
        d = super().clean()
        if not self.leerling_zelf and not (d.get("naam") or "").strip() and "naam" not in self.errors:
            self.add_error("naam", _("Vul de naam in van de ouder die het formulier tekende."))
        return d


class VaststellingForm(PortalForm):
    uitleg_mening = TekstVeld(
        label=_("Uitleg voor de leerling: wat heeft de school met zijn of haar mening gedaan?"), rijen=5,
        help_text=_("Verplicht bij de vaststelling. Schrijf met redenen en in woorden die de leerling begrijpt. Vanaf 12 "
                    "jaar leest de leerling dit zelf."))
    wat_veranderde = TekstVeld(label=_("Wat is er veranderd ten opzichte van de vorige versie?"), rijen=3)

    def __init__(self, *args, eerste: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if eerste:
            del self.fields["wat_veranderde"]


class CommissieForm(PortalForm):
    """(v)so: what the commissie voor de begeleiding gave (WEC 40b lid 2)."""

    soort = forms.ChoiceField(label=_("Wat gaf de commissie?"), widget=forms.RadioSelect)
    datum = DatumVeld(label=_("Datum van het advies of de evaluatie"), jaren_terug=1, jaren_vooruit=0,
                      niet_na_vandaag=True)
    tekst = TekstVeld(label=_("Het advies of het verslag"), rijen=5,
                      help_text=_("De tekst van de commissie, of een samenvatting als u het document toevoegt."))
    bestand = DocumentField(label=_("Het document van de commissie"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import CommissieAdvies

        self.fields["soort"].choices = CommissieAdvies.Soort.choices


class EvaluatieForm(PortalForm):
    datum = DatumVeld(label=_("Datum van de evaluatie"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    deelnemers = TekstVeld(label=_("Wie waren erbij"), rijen=2, max_length=1000,
                           help_text=_("De evaluatie is met de ouders."))
    wat_veranderde = TekstVeld(label=_("Wat is er veranderd"), rijen=3)
    vervolg = forms.ChoiceField(label=_("Hoe verder"), choices=Vervolg.choices, widget=forms.RadioSelect)

    def __init__(self, *args, doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        for d in self.doelen:
            self.fields[f"stand_{d.pk}"] = forms.ChoiceField(
                label=_("Voortgang: %(doel)s") % {"doel": d.omschrijving[:120]}, choices=Voortgang.choices)
            self.fields[f"toelichting_{d.pk}"] = TekstVeld(label=_("Toelichting"), required=False, rijen=2)

    def voortgang(self) -> dict:
        return {d.pk: (self.cleaned_data[f"stand_{d.pk}"], self.cleaned_data.get(f"toelichting_{d.pk}", ""))
                for d in self.doelen}


class BeeindigForm(PortalForm):
    op = DatumVeld(label=_("Laatste dag van het OPP"), jaren_terug=2, jaren_vooruit=0, niet_na_vandaag=True)
    reden = forms.ChoiceField(label=_("Reden"), choices=EindeReden.choices, widget=forms.RadioSelect)
