from django import forms
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import (
    DatumVeld,
    GeboortedatumVeld,
    KortTekstVeld,
    NaamVeld,
    PortalForm,
    SnelSelect,
    TekstVeld,
)
from portal.documenten.validators import DocumentField
from portal.leerlingen.models import Leerling
from portal.leerlingen.validators import validate_bsn
from portal.organisaties.models import Gemeente, School

from .constants import BesluitSoort, Kanaal, NotitieSoort, Ondersteuning, WeigerGrond


class SchoolKeuze(forms.ModelChoiceField):
    widget = SnelSelect

    def label_from_instance(self, obj):
        return f"{obj.naam} — {obj.plaats} ({obj.get_soort_display()})"


def _scholen():
    return School.objects.order_by("naam")


def scholen_in_de_regio(school):
    """The other schools of the school's samenwerkingsverband(en) (30–200): what a list to choose from can hold.
    A school elsewhere is named in a text field (issue #14: never a list of every school in the country)."""
    return (School.objects.filter(samenwerkingsverbanden__scholen=school).exclude(pk=school.pk).distinct()
            .order_by("naam"))


class KindVelden(PortalForm):
    voornamen = NaamVeld(label=_("Voornamen van uw kind"), required=False)
    tussenvoegsel = NaamVeld(label=_("Tussenvoegsel"), max_length=20, required=False)
    achternaam = NaamVeld(label=_("Achternaam"), required=False)
    roepnaam = NaamVeld(label=_("Roepnaam"), max_length=100, required=False)
    geboortedatum = GeboortedatumVeld(label=_("Geboortedatum"), required=False)
    woongemeente = forms.ModelChoiceField(
        label=_("In welke gemeente woont uw kind?"), queryset=Gemeente.objects.order_by("naam"), required=False,
        widget=SnelSelect,
        help_text=_("De leerplichtambtenaar van die gemeente hoort het als uw kind wordt ingeschreven."))
    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False, validators=[validate_bsn],
                          help_text=_("Staat op het paspoort of de ID-kaart van uw kind."))

    def nieuw_kind(self):
        d = self.cleaned_data
        return {k: d.get(k) or "" for k in ("voornamen", "tussenvoegsel", "achternaam", "roepnaam", "bsn")} | {
            "geboortedatum": d["geboortedatum"]}

    def check_nieuw_kind(self):
        d = self.cleaned_data
        for veld in ("voornamen", "achternaam", "geboortedatum"):
            if not d.get(veld) and veld not in self.errors:
                self.add_error(veld, _("Vul dit in voor een kind dat nog niet in het portaal staat."))


class AanmeldingForm(KindVelden):
    kind = forms.ModelChoiceField(label=_("Welk kind meldt u aan?"), queryset=Leerling.objects.none(), required=False,
                                  empty_label=_("Een kind dat nog niet in het portaal staat"))
    # Chosen before the form (search or finder) and carried along: one school, not a list of 6,500.
    school = forms.ModelChoiceField(label=_("Bij welke school meldt u aan?"), queryset=_scholen(),
                                    widget=forms.HiddenInput)
    gewenste_start = DatumVeld(label=_("Vanaf wanneer zou uw kind naar deze school gaan?"), jaren_terug=0, jaren_vooruit=4,
                               help_text=_("Meld zo mogelijk minstens 10 weken van tevoren aan."))
    ondersteuning = forms.ChoiceField(label=_("Heeft uw kind extra ondersteuning nodig?"), choices=Ondersteuning.choices,
                                      widget=forms.RadioSelect)
    andere_school_1 = SchoolKeuze(label=_("Andere school in deze regio waar u ook aanmeldt (1)"),
                                  queryset=School.objects.none(), required=False)
    andere_school_2 = SchoolKeuze(label=_("Andere school in deze regio waar u ook aanmeldt (2)"),
                                  queryset=School.objects.none(), required=False)
    andere_school_buiten = NaamVeld(label=_("Andere school die niet in de lijst staat"), required=False)
    voorkeur_positie = forms.TypedChoiceField(
        label=_("Op welke plaats staat deze school in uw voorkeur?"), coerce=int,
        choices=[(1, _("1 — mijn eerste keuze")), (2, "2"), (3, "3"), (4, "4")], initial=1,
        help_text=_("De school van uw eerste keuze heeft de zorgplicht als uw kind extra ondersteuning nodig heeft. "
                    "De andere scholen staan in de volgorde waarin u ze hierboven noemt."))
    wat_belangrijk = TekstVeld(label=_("Wat vindt u belangrijk voor uw kind?"), rijen=4, required=False)
    grondslag = forms.ChoiceField(
        label=_("Respecteert u de grondslag van de school?"), required=False, widget=forms.RadioSelect,
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        help_text=_("Alleen als de school een levensbeschouwelijke grondslag heeft (bijvoorbeeld protestants-"
                    "christelijk, rooms-katholiek of islamitisch). Zo'n school mag een kind weigeren als ouders de "
                    "grondslag niet respecteren."))
    document_1 = DocumentField(label=_("Document, bijvoorbeeld een verslag"), required=False)
    delen_1 = forms.BooleanField(label=_("Dit document mag naar een andere school als die wordt gevraagd mijn kind toe te laten"),
                                 required=False)
    document_2 = DocumentField(label=_("Nog een document"), required=False)
    delen_2 = forms.BooleanField(label=_("Ook dit document mag naar een andere school"), required=False)
    brieven = forms.ChoiceField(
        label=_("Hoe wilt u brieven van de school ontvangen?"), widget=forms.RadioSelect, initial="digitaal",
        choices=[("digitaal", _("Digitaal: in Passend Portaal, met een e-mail dat er een brief is")),
                 ("post", _("Per post"))],
        help_text=_("Kiest u digitaal, dan geldt een besluit als bekendgemaakt zodra het in uw account staat en u een "
                    "melding kreeg."))
    gezag = forms.BooleanField(label=_("Ik verklaar dat ik gezag heb over dit kind."), required=True,
                               error_messages={"required": _("Alleen een ouder met gezag kan aanmelden. Vink dit aan als dat klopt.")})

    def __init__(self, *args, ouder, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["kind"].queryset = Leerling.objects.filter(gezag__ouder=ouder).order_by("geboortedatum")
        if school is not None:
            from .services import heeft_grondslag

            self.initial["school"] = school.pk
            for veld in ("andere_school_1", "andere_school_2"):
                self.fields[veld].queryset = scholen_in_de_regio(school)
            if not heeft_grondslag(school):  # asked only where the school has a grondslag
                del self.fields["grondslag"]
        if ouder.brieven_digitaal:
            self.fields["brieven"].initial = "digitaal"
        self.fields["woongemeente"].required = True
        kind = self.initial.get("kind")
        if kind and not self.is_bound:
            gevonden = self.fields["kind"].queryset.filter(pk=kind).first()
            if gevonden is not None and gevonden.woongemeente_id:
                self.initial["woongemeente"] = gevonden.woongemeente_id
        self.order_fields(["kind", "voornamen", "tussenvoegsel", "achternaam", "roepnaam", "geboortedatum", "bsn",
                           "woongemeente"])

    def clean(self):
        from .services import heeft_grondslag

        d = super().clean()
        if not d.get("kind"):
            self.check_nieuw_kind()
        if d.get("school") and heeft_grondslag(d["school"]) and not d.get("grondslag"):
            self.add_error("grondslag", _("Deze school heeft een levensbeschouwelijke grondslag. Geef aan of u die "
                                          "respecteert."))
        school = d.get("school")
        gezien = {school.pk} if school else set()
        for veld in ("andere_school_1", "andere_school_2"):
            s = d.get(veld)
            if s and s.pk in gezien:
                self.add_error(veld, _("Deze school staat er al."))
            elif s:
                gezien.add(s.pk)
        return d

    def andere_scholen(self):
        d = self.cleaned_data
        out = [{"school_id": s.pk, "naam": s.naam} for s in (d.get("andere_school_1"), d.get("andere_school_2")) if s]
        if d.get("andere_school_buiten"):
            out.append({"school_id": None, "naam": d["andere_school_buiten"]})
        return out

    def documenten(self):
        d = self.cleaned_data
        return [(d[f"document_{i}"], d.get(f"delen_{i}")) for i in (1, 2) if d.get(f"document_{i}")]


class PapierForm(KindVelden):
    """The school registers a paper or e-mail aanmelding with its real date of receipt (audited)."""

    school = SchoolKeuze(label=_("School"), queryset=School.objects.none(), empty_label=None)
    kanaal = forms.ChoiceField(label=_("Hoe kwam de aanmelding binnen?"), choices=[c for c in Kanaal.choices if c[0] != Kanaal.ONLINE])
    ontvangen_datum = DatumVeld(label=_("Datum van ontvangst"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    ontvangen_tijd = forms.TimeField(label=_("Tijd van ontvangst"), widget=forms.TimeInput(attrs={"type": "time"}),
                                     error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 09:15.")})
    gewenste_start = DatumVeld(label=_("Gewenste startdatum"), jaren_terug=1, jaren_vooruit=4)
    ondersteuning = forms.ChoiceField(label=_("Extra ondersteuning nodig volgens de ouders"), choices=Ondersteuning.choices)
    voorkeur_positie = forms.TypedChoiceField(label=_("Plaats van deze school in de voorkeur van de ouders"), coerce=int,
                                              choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")])
    andere_scholen = TekstVeld(label=_("Andere scholen, in volgorde van voorkeur (één per regel)"), required=False,
                               max_length=1000)
    wat_belangrijk = TekstVeld(label=_("Wat ouders belangrijk vinden"), required=False)
    gezag = forms.BooleanField(label=_("De ouder verklaart gezag te hebben (staat op het formulier)."))

    def __init__(self, *args, school_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(pk__in=school_ids).order_by("naam")

    def clean(self):
        d = super().clean()
        self.check_nieuw_kind()
        return d


class BeoordelingForm(PortalForm):
    """WPO 40 lid 3: the school's own assessment of the support need (the parents' answer is input)."""

    nodig = forms.TypedChoiceField(label=_("Heeft het kind extra ondersteuning nodig, volgens de school?"),
                                   coerce=lambda v: v == "ja", widget=forms.RadioSelect,
                                   choices=[("ja", _("Ja, extra ondersteuning nodig")), ("nee", _("Nee"))])
    reden = TekstVeld(label=_("Reden (de ouders lezen dit)"), rijen=3)


class VerlengForm(PortalForm):
    weken = forms.IntegerField(label=_("Verlengen met (weken)"), min_value=1, max_value=4,
                               error_messages={"min_value": _("Ten minste 1 week."), "max_value": _("Ten hoogste 4 weken.")})
    reden = TekstVeld(label=_("Reden (komt in de brief aan de ouders)"), rijen=2)


class NotitieForm(PortalForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=NotitieSoort.choices)
    datum = DatumVeld(label=_("Datum"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    tekst = TekstVeld(label=_("Tekst"))

    def __init__(self, *args, **kwargs):
        from django.utils import timezone

        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PlaatsingForm(PortalForm):
    school = SchoolKeuze(label=_("Welke school vraagt u?"), queryset=School.objects.none(),
                         help_text=_("Scholen in het samenwerkingsverband. Een school daarbuiten vraagt u zelf; de "
                                     "schriftelijke acceptatie voegt u toe bij het besluit."))
    toelichting = TekstVeld(label=_("Toelichting (wat heeft het kind nodig?)"))

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen_in_de_regio(school)


class PlaatsingAntwoordForm(PortalForm):
    akkoord = forms.TypedChoiceField(label=_("Kan uw school dit kind toelaten?"), coerce=lambda v: v == "ja",
                                     choices=[("ja", _("Ja, wij laten het kind toe")), ("nee", _("Nee"))],
                                     widget=forms.RadioSelect)
    antwoord = TekstVeld(label=_("Toelichting"), rijen=2, required=False)


class BesluitSoortForm(PortalForm):
    """Step 1 of preparing a decision: which kind (works without JavaScript: a GET to the same page)."""

    besluit = forms.ChoiceField(label=_("Welk besluit bereidt u voor?"), choices=BesluitSoort.choices,
                                widget=forms.RadioSelect)


# The fields each kind of decision needs (issue #8, stumbled 5: only those are shown).
BESLUIT_VELDEN = {
    BesluitSoort.TOEGELATEN: ["motivering"],
    BesluitSoort.TOEGELATEN_ONDERSTEUNING: ["motivering"],  # the offer is the arrangement
    BesluitSoort.PLEK_ELDERS: ["motivering", "ontvangende_school", "ontvangende_school_naam", "acceptatie"],
    BesluitSoort.NIET_TOEGELATEN: ["motivering", "grond"],
    BesluitSoort.NIET_IN_BEHANDELING: ["motivering"],
}


class BesluitForm(PortalForm):
    soort = forms.ChoiceField(choices=BesluitSoort.choices, widget=forms.HiddenInput)
    motivering = TekstVeld(label=_("Redenen (komen in de brief)"), rijen=4)
    grond = forms.ChoiceField(label=_("Grond van de weigering"), choices=WeigerGrond.choices, widget=forms.RadioSelect)
    ontvangende_school = SchoolKeuze(label=_("School die het kind toelaat (in het samenwerkingsverband)"),
                                     queryset=School.objects.none(), required=False)
    ontvangende_school_naam = KortTekstVeld(label=_("Of: school buiten het portaal"), max_length=200, required=False)
    acceptatie = DocumentField(label=_("Schriftelijke acceptatie van die school"), required=False)

    def __init__(self, *args, soort: str, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].initial = soort
        for naam in list(self.fields):
            if naam != "soort" and naam not in BESLUIT_VELDEN.get(soort, ["motivering"]):
                del self.fields[naam]
        if "ontvangende_school" in self.fields and school is not None:
            self.fields["ontvangende_school"].queryset = scholen_in_de_regio(school)
        if "grond" in self.fields and school is not None:
            from .services import weiger_gronden

            self.fields["grond"].choices = weiger_gronden(school)


class IntrekForm(PortalForm):
    reden = TekstVeld(label=_("Waarom trekt u de aanmelding in?"), rijen=2)
