from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, KortTekstVeld, PortalForm, TekstVeld
from portal.documenten.validators import DocumentField
from portal.leerlingen.models import Leerling
from portal.organisaties.models import Gemeente, School

from .constants import AdviesConclusie, Categorie, DocumentSoort, Soort, Uitkomst


def jaren(hoogste: int) -> list[tuple[int, str]]:
    """C-5: 1 up to the SWV's cap (policy, not law: ``wet.max_schooljaren``)."""
    return [(n, str(n)) for n in range(1, int(hoogste) + 1)]


class SchoolKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.get_soort_display().lower()})"


class LeerlingKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.geboortedatum:%d-%m-%Y})"


class StartForm(PortalForm):
    """Step 1 (a GET, works without JavaScript): which pupil and which kind of school — together they say which
    SWV decides."""

    leerling = LeerlingKeuze(label=_("Voor welke leerling?"), queryset=Leerling.objects.none(),
                             help_text=_("Leerlingen die op uw school staan ingeschreven of bij uw school zijn "
                                         "aangemeld (C-2)."))
    soort = forms.ChoiceField(
        label=_("Voor welke soort onderwijs?"), choices=Soort.choices, widget=forms.RadioSelect,
        help_text=_("Cluster 1 en 2 (onderwijs aan kinderen die blind of slechtziend, doof of slechthorend zijn of een "
                    "taalontwikkelingsstoornis hebben) beslissen zelf over toelating; lwoo is een aanwijzing, geen TLV. "
                    "Die vraagt u hier niet aan (C-1)."))

    def __init__(self, *args, leerlingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen


class AanvraagForm(PortalForm):
    """Step 2: the application itself."""

    soort = forms.ChoiceField(label=_("Soort onderwijs"), choices=Soort.choices, widget=forms.RadioSelect)
    onderwijsbehoeften = TekstVeld(label=_("Wat heeft het kind nodig?"), rijen=5,
                                   help_text=_("De onderwijs- en ondersteuningsbehoeften, zoals in het OPP."))
    geprobeerd = TekstVeld(label=_("Wat heeft de school al geprobeerd, en met welk effect?"), rijen=5)
    gevraagde_schooljaren = forms.TypedChoiceField(
        label=_("Voor hoeveel schooljaren vraagt u de TLV aan?"), choices=(), coerce=int, initial=1,
        help_text=_("Een TLV geldt minstens één heel schooljaar. Wordt hij in de loop van een schooljaar afgegeven, dan "
                    "komt de rest van dat schooljaar erbij."))
    opp_zaak = forms.ModelChoiceField(label=_("Ontwikkelingsperspectief (OPP)"), queryset=None, required=False,
                                      empty_label=_("Geen OPP in het portaal: ik voeg het als document toe"))
    woongemeente = forms.ModelChoiceField(
        label=_("Woongemeente van de leerling"), queryset=Gemeente.objects.all(), required=False,
        help_text=_("Nodig als de leerling niet op een school staat ingeschreven die hiervoor telt: dan beslist het "
                    "samenwerkingsverband van het gebied waar de leerling woont."))
    buitenland = forms.BooleanField(label=_("De leerling woont niet in Nederland"), required=False)
    ontvangende_school = SchoolKeuze(
        label=_("Naar welke school gaat het kind waarschijnlijk?"), required=False,
        queryset=School.objects.filter(soort__in=["sbo", "so", "vso", "pro"]).order_by("naam"),
        empty_label=_("Nog niet bekend"),
        help_text=_("Niet verplicht. Een deskundige die op die school of bij het bestuur van die school werkt, geeft "
                    "geen advies over deze aanvraag."))

    def __init__(self, *args, opp_zaken, max_schooljaren: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gevraagde_schooljaren"].choices = jaren(max_schooljaren)
        self.fields["opp_zaak"].queryset = opp_zaken
        self.fields["opp_zaak"].label_from_instance = lambda z: f"{z.nummer} — {z.status_staf}"


class DocumentForm(PortalForm):
    bestand = DocumentField(label=_("Document"))
    soort = forms.ChoiceField(label=_("Wat voor stuk is het?"), widget=forms.RadioSelect,
                              choices=[(DocumentSoort.SCHOOL.value, DocumentSoort.SCHOOL.label),
                                       (DocumentSoort.DERDEN.value, DocumentSoort.DERDEN.label)],
                              initial=DocumentSoort.SCHOOL)


class ZienswijzeOuderForm(PortalForm):
    tekst = TekstVeld(label=_("Uw mening over de aanvraag"), rijen=6,
                      help_text=_("Wat vindt u van de aanvraag? Wat wilt u dat het samenwerkingsverband weet? Deze tekst "
                                  "gaat mee met de aanvraag."))


class ZienswijzeSchoolForm(PortalForm):
    tekst = TekstVeld(label=_("De zienswijze van de ouders, zoals zij die gaven"), rijen=6)
    op_papier = forms.BooleanField(
        label=_("De ouders hebben deze tekst op papier getekend (voeg het getekende stuk toe)"), required=False,
        help_text=_("Zonder vinkje bevestigen de ouders de tekst in het portaal."))
    bestand = DocumentField(label=_("Getekende zienswijze"), required=False)

    def clean(self):
        d = super().clean()
        if d.get("op_papier") and not d.get("bestand") and "bestand" not in self.errors:
            self.add_error("bestand", _("Voeg het door de ouders getekende stuk toe."))
        return d


class OnvolledigForm(PortalForm):
    omschrijving = TekstVeld(label=_("Wat ontbreekt er? (de school leest dit)"), rijen=4)
    antwoord_uiterlijk = DatumVeld(label=_("Aanvullen uiterlijk op"), jaren_terug=0, jaren_vooruit=1,
                                   niet_voor_vandaag=True,
                                   help_text=_("De beslistermijn staat stil vanaf morgen tot de aanvulling binnen is, of "
                                               "tot deze datum voorbij is (Awb 4:15)."))


class AanvulForm(PortalForm):
    antwoord = TekstVeld(label=_("Uw aanvulling"), rijen=4, required=False)
    bestand = DocumentField(label=_("Document"), required=False)
    bestand_2 = DocumentField(label=_("Nog een document"), required=False)

    def clean(self):
        d = super().clean()
        if not self.errors and not (d.get("antwoord") or "").strip() and not d.get("bestand") and not d.get("bestand_2"):
            self.add_error("antwoord", _("Schrijf de aanvulling of voeg een document toe."))
        return d


class LaterForm(PortalForm):
    datum = DatumVeld(label=_("Nieuwe uiterste datum voor het besluit"), jaren_terug=0, jaren_vooruit=1,
                      niet_voor_vandaag=True)
    reden = TekstVeld(label=_("Reden (de ouders en de school lezen hem)"), rijen=3)


class DeskundigeKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        profiel = getattr(obj, "tlv_deskundige", None)
        beroep = profiel.get_beroep_display() if profiel else _("beroep onbekend")
        org = next((m.organisatie_naam for m in obj.memberships.all() if m.rol == "deskundige" and m.organisatie_naam), "")
        return f"{obj.get_full_name() or obj.email} — {beroep}{f' ({org})' if org else ''}"


def deskundigen():
    return (get_user_model().objects.filter(memberships__rol="deskundige", is_active=True, tlv_deskundige__isnull=False)
            .select_related("tlv_deskundige").prefetch_related("memberships").distinct().order_by("last_name", "pk"))


class ToewijzingForm(PortalForm):
    plaats = forms.TypedChoiceField(
        label=_("Welke deskundige?"), coerce=int, widget=forms.RadioSelect,
        choices=[(1, _("Eerste deskundige: orthopedagoog of psycholoog")),
                 (2, _("Tweede deskundige: kinder- en jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk "
                       "werker of arts"))])
    deskundige = DeskundigeKeuze(label=_("Deskundige"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deskundige"].queryset = deskundigen()


class RedenForm(PortalForm):
    reden = TekstVeld(label=_("Reden"), rijen=2)


class AdviesForm(PortalForm):
    conclusie = forms.ChoiceField(label=_("Conclusie"), choices=AdviesConclusie.choices, widget=forms.RadioSelect)
    advies = TekstVeld(label=_("Uw advies, met de onderbouwing"), rijen=10)
    categorie = forms.ChoiceField(label=_("Geadviseerde bekostigingscategorie (alleen so en vso)"), required=False,
                                  choices=[("", "—"), *Categorie.choices])
    bestand = DocumentField(label=_("Bijlage"), required=False)

    def __init__(self, *args, met_categorie: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not met_categorie:
            del self.fields["categorie"]


class BelangForm(PortalForm):
    reden = TekstVeld(label=_("Waarom bent u niet onafhankelijk?"), rijen=3,
                      help_text=_("Bijvoorbeeld: u kent het kind of het gezin, of u werkte eerder met het kind."))


class BesluitForm(PortalForm):
    uitkomst = forms.ChoiceField(label=_("Besluit"), choices=Uitkomst.choices, widget=forms.RadioSelect)
    motivering = TekstVeld(label=_("Redenen (komen in de brief)"), rijen=6)
    toegekend_soort = forms.ChoiceField(label=_("Toegekend voor (alleen bij toekenning)"), choices=Soort.choices,
                                        required=False)
    categorie = forms.ChoiceField(label=_("Bekostigingscategorie (alleen so en vso)"), required=False,
                                  choices=[("", "—"), *Categorie.choices])
    ingangsdatum = DatumVeld(label=_("Geldig vanaf (alleen bij toekenning)"), jaren_terug=1, jaren_vooruit=2,
                             required=False)
    schooljaren = forms.TypedChoiceField(
        label=_("Aantal schooljaren (alleen bij toekenning)"), choices=(), coerce=int, required=False,
        help_text=_("De einddatum volgt hieruit: hele schooljaren, met de rest van het lopende schooljaar erbij als de "
                    "TLV daarin ingaat (WPO 40 lid 13, WEC 40 lid 15). Het maximum is beleid van het "
                    "samenwerkingsverband, geen wet."))

    def __init__(self, *args, max_schooljaren: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaren"].choices = jaren(max_schooljaren)

    def clean(self):
        d = super().clean()
        if d.get("uitkomst") == Uitkomst.TOEGEKEND:
            if not d.get("ingangsdatum") and "ingangsdatum" not in self.errors:
                self.add_error("ingangsdatum", _("Vul de ingangsdatum in."))
            if not d.get("schooljaren") and "schooljaren" not in self.errors:
                self.add_error("schooljaren", _("Kies het aantal schooljaren."))
        return d


class LoketForm(PortalForm):
    naam = KortTekstVeld(label=_("Naam van het loket"), max_length=200, required=False)
    postadres = KortTekstVeld(label=_("Postadres"), max_length=300)
    bezwaar_adres = KortTekstVeld(label=_("Adres voor bezwaarschriften"), max_length=300,
                                  help_text=_("Staat in elk TLV-besluit."))
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoon = KortTekstVeld(label=_("Telefoonnummer"), max_length=30, required=False)
    max_schooljaren = forms.IntegerField(
        label=_("Een TLV geldt ten hoogste (schooljaren)"), required=False, min_value=1, max_value=20,
        help_text=_("Beleid van het samenwerkingsverband, geen wet: de wet zegt 'één of meer schooljaren' (WPO 40 lid "
                    "13, WEC 40 lid 15). Leeg: de standaard van het portaal."))
    archief_jaren = forms.IntegerField(
        label=_("Besluitbrief bewaren na afloop (jaren)"), min_value=1, max_value=100, required=False,
        help_text=_("Archiefregel: zoveel jaar nadat de TLV niet meer geldt en er geen bezwaar, beroep of geschil meer "
                    "loopt. De gezondheidsgegevens gaan altijd 3 jaar na het besluit weg; het besluit zelf blijft tot "
                    "dan."))


class BeroepForm(PortalForm):
    """C-7: a beroep at the bestuursrechter (Awb 8:1) is not a case in the portal; while it runs the decision is kept."""

    sinds = DatumVeld(label=_("Beroep ingesteld op"), jaren_terug=10, jaren_vooruit=0)
    tot = DatumVeld(label=_("Uitspraak op (leeg zolang het beroep loopt)"), jaren_terug=10, jaren_vooruit=0,
                    required=False)


class IntrekForm(PortalForm):
    reden = TekstVeld(label=_("Waarom trekt de school de aanvraag in?"), rijen=2)


class LbtGevraagdForm(PortalForm):
    op = DatumVeld(label=_("Advies gevraagd op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)


class LbtAdviesForm(PortalForm):
    op = DatumVeld(label=_("Advies ontvangen op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    bestand = DocumentField(label=_("Het advies van de LBT"))


class VerdaagForm(PortalForm):
    weken = forms.TypedChoiceField(label=_("Verdagen met (weken)"), coerce=int,
                                   choices=[(n, str(n)) for n in range(1, 7)], initial=6)
    reden = TekstVeld(label=_("Reden (de indiener leest hem)"), rijen=2)
