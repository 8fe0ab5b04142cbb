from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, KortTekstVeld, PortalForm, TekstVeld
from portal.organisaties.models import Gemeente, Samenwerkingsverband, School

from .constants import (
    MET_MOTIVERING,
    Aanbieder,
    AanbodSoort,
    AanpassingUitkomst,
    AfspraakCategorie,
    EvaluatieUitkomst,
    Financier,
    OnderdeelSoort,
    Weigergrond,
)


def _school_label(s):
    return f"{s.naam} — {s.plaats} ({s.get_soort_display()})"


class ArrangementForm(PortalForm):
    aanbod_soort = forms.ChoiceField(label=_("Het aanbod"), choices=AanbodSoort.choices, widget=forms.RadioSelect,
                                     initial=AanbodSoort.EIGEN_SCHOOL)
    andere_school = forms.ModelChoiceField(label=_("Andere school (in het portaal)"), required=False,
                                           queryset=School.objects.none())
    andere_school_naam = KortTekstVeld(label=_("Of: naam van een school buiten het portaal"), max_length=200,
                                       required=False)
    doel = TekstVeld(label=_("Wat moet de ondersteuning bereiken?"), rijen=3)
    onderzocht = TekstVeld(label=_("Wat is onderzocht over wat het kind nodig heeft?"), rijen=3, required=False)
    aanpassingen = TekstVeld(label=_("Welke aanpassingen zijn geprobeerd, en met welk resultaat?"), rijen=3,
                             required=False)
    startdatum = DatumVeld(label=_("Start"), jaren_terug=1, jaren_vooruit=2)
    einddatum = DatumVeld(label=_("Einde"), required=False, jaren_terug=1, jaren_vooruit=5)
    evaluatie_weken = forms.IntegerField(label=_("Evalueren elke … weken"), min_value=1, max_value=52, initial=6,
                                         help_text=_("Bijvoorbeeld elke 6 weken. U krijgt een week vooraf een "
                                                     "herinnering."))

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = School.objects.order_by("naam")
        if school is not None:
            qs = qs.exclude(pk=school.pk).filter(samenwerkingsverbanden__in=school.samenwerkingsverbanden.all()).distinct()
        self.fields["andere_school"].queryset = qs
        self.fields["andere_school"].label_from_instance = _school_label

    def clean(self):
        d = super().clean()
        if d.get("startdatum") and d.get("einddatum") and d["einddatum"] < d["startdatum"]:
            self.add_error("einddatum", _("Het einde ligt vóór de start."))
        if d.get("aanbod_soort") in (AanbodSoort.ANDERE_SCHOOL, AanbodSoort.SPECIALE_SCHOOL) and not (
                d.get("andere_school") or (d.get("andere_school_naam") or "").strip()):
            self.add_error("andere_school", _("Noem de school waar het kind naartoe kan."))
        return d


class ArrangementNieuwForm(ArrangementForm):
    leerling = forms.ModelChoiceField(label=_("Voor welke leerling?"), queryset=None)

    field_order = ["leerling"]

    def __init__(self, *args, leerlingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen
        self.fields["leerling"].label_from_instance = lambda lln: f"{lln.naam} ({lln.geboortedatum:%d-%m-%Y})"
        self.order_fields(["leerling"])


class OnderdeelForm(PortalForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=OnderdeelSoort.choices)
    omschrijving = TekstVeld(label=_("Wat houdt het in?"), rijen=2)
    aanbieder = forms.ChoiceField(label=_("Wie biedt het?"), choices=Aanbieder.choices)
    aanbieder_naam = KortTekstVeld(label=_("Naam van de aanbieder"), max_length=200, required=False)
    plaats = KortTekstVeld(label=_("Waar?"), max_length=200, required=False,
                           help_text=_("Bijvoorbeeld: in de klas, in de stilteruimte, op de zorgboerderij."))
    uren_per_week = forms.DecimalField(label=_("Uren per week"), min_value=0.5, max_value=60, decimal_places=1,
                                       required=False)
    start = DatumVeld(label=_("Start"), jaren_terug=1, jaren_vooruit=2)
    eind = DatumVeld(label=_("Einde"), required=False, jaren_terug=1, jaren_vooruit=5)
    financier = forms.ChoiceField(label=_("Wie betaalt?"), choices=Financier.choices)
    swv = forms.ModelChoiceField(label=_("Welk samenwerkingsverband?"), queryset=Samenwerkingsverband.objects.none(),
                                 required=False, help_text=_("Alleen als het samenwerkingsverband betaalt of het biedt."))
    gemeente = forms.ModelChoiceField(label=_("Welke gemeente?"), queryset=Gemeente.objects.order_by("naam"),
                                      required=False, help_text=_("Leeg: de woongemeente van de leerling."))
    beschikkingsnummer = KortTekstVeld(label=_("Nummer van de beschikking (Jeugdwet)"), max_length=60, required=False)
    beschikking_omvang = KortTekstVeld(label=_("Omvang van de beschikking"), max_length=300, required=False,
                                       help_text=_("Wat, hoeveel en van wanneer tot wanneer."))
    binnen_basisondersteuning = forms.BooleanField(label=_("Valt binnen de basisondersteuning van het "
                                                           "samenwerkingsverband"), required=False)
    volledige_week_uren = forms.DecimalField(
        label=_("Bij een aangepast rooster: uren in een volledige schoolweek"), min_value=1, max_value=60,
        decimal_places=1, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].queryset = school.samenwerkingsverbanden.order_by("naam")

    def clean(self):
        d = super().clean()
        if d.get("start") and d.get("eind") and d["eind"] < d["start"]:
            self.add_error("eind", _("Het einde ligt vóór de start."))
        if d.get("financier") == Financier.JEUGDWET:
            if not (d.get("beschikkingsnummer") or "").strip():
                self.add_error("beschikkingsnummer", _("Vul het nummer van de beschikking van de gemeente in."))
            if not (d.get("beschikking_omvang") or "").strip():
                self.add_error("beschikking_omvang", _("Vul in wat de beschikking toekent, hoeveel en hoe lang."))
        if d.get("binnen_basisondersteuning") and d.get("financier") and d["financier"] != Financier.SCHOOL:
            self.add_error("financier", _("Basisondersteuning betaalt de school zelf."))
        if d.get("soort") == OnderdeelSoort.ROOSTER:
            if d.get("uren_per_week") is None:
                self.add_error("uren_per_week", _("Vul in hoeveel uur per week de leerling naar school gaat."))
            if d.get("volledige_week_uren") is None:
                self.add_error("volledige_week_uren", _("Vul in hoeveel uur een volledige schoolweek is."))
            elif (d.get("uren_per_week") is not None and d["uren_per_week"] < d["volledige_week_uren"]
                  and not d.get("eind")):
                self.add_error("eind", _("Een rooster met minder uren dan een volledige week heeft een einddatum."))
        return d


class OpbouwstapForm(PortalForm):
    vanaf = DatumVeld(label=_("Vanaf"), jaren_terug=1, jaren_vooruit=3)
    omschrijving = KortTekstVeld(label=_("Wat"), max_length=200, help_text=_("Bijvoorbeeld: 5 ochtenden per week."))
    uren_per_week = forms.DecimalField(label=_("Uren per week"), min_value=0.5, max_value=60, decimal_places=1,
                                       required=False)


class ReactieForm(PortalForm):
    akkoord = forms.TypedChoiceField(label=_("Bent u het eens met dit aanbod?"), widget=forms.RadioSelect,
                                     choices=[("ja", _("Ja, ik ben akkoord")), ("nee", _("Nee, ik ben het niet eens"))],
                                     coerce=lambda v: v == "ja")
    reden = TekstVeld(label=_("Toelichting (nodig als u het niet eens bent)"), rijen=3, required=False)

    def clean(self):
        d = super().clean()
        if d.get("akkoord") is False and not (d.get("reden") or "").strip():
            self.add_error("reden", _("Schrijf kort waarom u het niet eens bent."))
        return d


class ReactieVastleggenForm(ReactieForm):
    """The IB'er records the answer of parents without an account (on paper, in a conversation)."""

    hoe = KortTekstVeld(label=_("Hoe en wanneer reageerden de ouders?"), max_length=300,
                        help_text=_("Bijvoorbeeld: brief van 3 maart, of in het gesprek van 5 maart."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akkoord"].label = _("Zijn de ouders het eens met het aanbod?")
        self.fields["akkoord"].choices = [("ja", _("Ja, de ouders zijn akkoord")), ("nee", _("Nee, de ouders zijn het niet eens"))]
        self.fields["reden"].label = _("Waarom niet (nodig als de ouders het niet eens zijn)")


class EvaluatieForm(PortalForm):
    datum = DatumVeld(label=_("Datum van de evaluatie"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    bevindingen = TekstVeld(label=_("Wat zagen we samen?"), rijen=3)
    uitkomst = forms.ChoiceField(label=_("Hoe gaat het verder?"), choices=EvaluatieUitkomst.choices,
                                 widget=forms.RadioSelect)


class MeningForm(PortalForm):
    tekst = TekstVeld(label=_("Wat vind jij van de ondersteuning?"), rijen=4)

    def __init__(self, *args, namens=False, **kwargs):
        super().__init__(*args, **kwargs)
        if namens:
            self.fields["tekst"].label = _("De mening van de leerling (in de woorden van de leerling)")
            self.fields["hoe_gevraagd"] = KortTekstVeld(
                label=_("Hoe is het gevraagd?"), max_length=300,
                help_text=_("Bijvoorbeeld: in een gesprek met de leerkracht, met tekeningen."))


class GesprekForm(PortalForm):
    datum = DatumVeld(label=_("Datum van het gesprek"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    deelnemers = TekstVeld(label=_("Wie waren erbij?"), rijen=2)
    afspraken = TekstVeld(label=_("Wat is besproken en afgesproken?"), rijen=5)


class ActieForm(PortalForm):
    wat = KortTekstVeld(label=_("Actie"), max_length=300, required=False)
    wie = KortTekstVeld(label=_("Wie doet het?"), max_length=200, required=False)
    uiterlijk = DatumVeld(label=_("Uiterlijk"), required=False, jaren_terug=0, jaren_vooruit=2)

    def clean(self):
        d = super().clean()
        if (d.get("wat") or "").strip() and not (d.get("wie") or "").strip():
            self.add_error("wie", _("Noem wie de actie uitvoert."))
        return d


ActieFormSet = forms.formset_factory(ActieForm, extra=3, max_num=10)


class VerslagReactieForm(PortalForm):
    bevestigd = forms.BooleanField(label=_("Ik bevestig dat dit verslag klopt"), required=False)
    opmerking = TekstVeld(label=_("Opmerking"), rijen=2, required=False)

    def clean(self):
        d = super().clean()
        if not d.get("bevestigd") and not (d.get("opmerking") or "").strip():
            self.add_error("opmerking", _("Bevestig het verslag, of schrijf een opmerking."))
        return d


class AfspraakForm(PortalForm):
    categorie = forms.ChoiceField(label=_("Onderwerp"), choices=AfspraakCategorie.choices)
    weten = TekstVeld(label=_("Wat moet een leerkracht weten?"), rijen=2,
                      help_text=_("Bijvoorbeeld: signalen van een hypo zijn trillen, zweten, bleek zien."))
    doen = TekstVeld(label=_("Wat doet de leerkracht dan?"), rijen=2,
                     help_text=_("Bijvoorbeeld: laat haar meteen iets zoets eten en blijf erbij."))


class BladVaststellenForm(PortalForm):
    wat_veranderde = KortTekstVeld(label=_("Wat is er veranderd? (de leerkrachten lezen dit eerst)"), max_length=300,
                                   required=False)


class BladNieuwForm(PortalForm):
    leerling = forms.ModelChoiceField(label=_("Leerling"), queryset=None)

    def __init__(self, *args, leerlingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen
        self.fields["leerling"].label_from_instance = lambda lln: f"{lln.naam} ({lln.geboortedatum:%d-%m-%Y})"


class AanpassingForm(PortalForm):
    kind_school = forms.ChoiceField(label=_("Voor welk kind, bij welke school?"))
    gevraagd = TekstVeld(label=_("Welke aanpassing vraagt u?"), rijen=3,
                         help_text=_("Bijvoorbeeld: toetsen op A3, extra tijd, een vaste plek vooraan."))
    waarom = TekstVeld(label=_("Waarom heeft uw kind die nodig?"), rijen=3)

    def __init__(self, *args, keuzes, zelf: bool = False, **kwargs):
        """``zelf``: the adult pupil asks for themselves (issue 17 §4): the questions speak to them."""
        super().__init__(*args, **kwargs)
        self.fields["kind_school"].choices = [(f"{lln.pk}:{s.pk}", s.naam if zelf else f"{lln.naam} — {s.naam}")
                                              for lln, s in keuzes]
        self._keuzes = {f"{lln.pk}:{s.pk}": (lln, s) for lln, s in keuzes}
        if zelf:
            self.fields["kind_school"].label = _("Bij welke school?")
            self.fields["waarom"].label = _("Waarom heeft u die nodig?")

    def clean_kind_school(self):
        return self._keuzes[self.cleaned_data["kind_school"]]


class AanpassingAntwoordForm(PortalForm):
    uitkomst = forms.ChoiceField(label=_("Uw antwoord"), choices=AanpassingUitkomst.choices, widget=forms.RadioSelect)
    # D-6, Wgbh/cz art. 2 lid 1: a refusal names one of three grounds, in the order the College tests them.
    weigergrond = forms.ChoiceField(
        label=_("Grond van de weigering"), choices=Weigergrond.choices, widget=forms.RadioSelect, required=False,
        help_text=_("Alleen bij weigeren. De onderbouwing legt uit waarom deze grond voor dit kind geldt."))
    motivering = TekstVeld(
        label=_("Onderbouwing voor dit kind"), rijen=5, required=False,
        help_text=_("Nodig bij weigeren of een andere aanpassing: ten minste 30 woorden, over dit kind. Een tekst die "
                    "de school al eerder gaf, wordt niet aangenomen."))

    def __init__(self, *args, verzoek, **kwargs):
        super().__init__(*args, **kwargs)
        self.verzoek = verzoek

    def clean(self):
        from .services import motivering_fout, weigergrond_fout

        d = super().clean()
        uitkomst, grond = d.get("uitkomst"), d.get("weigergrond") or ""
        fout = weigergrond_fout(uitkomst, grond)
        if fout:
            self.add_error("weigergrond", fout)
        if uitkomst != AanpassingUitkomst.GEWEIGERD:
            d["weigergrond"] = grond = ""
        if uitkomst in MET_MOTIVERING:
            fout = motivering_fout(d.get("motivering") or "", school=self.verzoek.school, behalve_pk=self.verzoek.pk,
                                   weigergrond=grond)
            if fout:
                self.add_error("motivering", fout)
        return d
