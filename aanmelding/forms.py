from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.leerlingen.models import Leerling
from portal.leerlingen.validators import validate_bsn
from portal.organisaties.models import School

from .constants import BesluitSoort, Kanaal, NotitieSoort, Ondersteuning, WeigerGrond

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAGIC = [(b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg")]


def check_bestand(bestand):
    """PDF or image, checked by content (not by name), at most AANMELDING_MAX_UPLOAD bytes."""
    if bestand is None:
        return None
    if bestand.size > settings.AANMELDING_MAX_UPLOAD:
        raise forms.ValidationError(_("Dit bestand is te groot (maximaal %(mb)s MB).") % {"mb": settings.AANMELDING_MAX_UPLOAD // 2**20})
    kop = bestand.read(16)
    bestand.seek(0)
    for magic, mime in MAGIC:
        if kop.startswith(magic):
            bestand.portal_mime = mime
            return bestand
    raise forms.ValidationError(_("Alleen PDF, PNG of JPG. Dit bestand is iets anders (we kijken naar de inhoud, niet naar de naam)."))


class SchoolKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} — {obj.plaats} ({obj.get_soort_display()})"


class KindVelden(forms.Form):
    voornamen = forms.CharField(label=_("Voornamen van uw kind"), max_length=200, required=False)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200, required=False)
    roepnaam = forms.CharField(label=_("Roepnaam"), max_length=100, required=False)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=DATUM, required=False)
    bsn = forms.CharField(label=_("BSN (mag leeg)"), max_length=9, required=False, validators=[validate_bsn],
                          help_text=_("Staat op het paspoort of de ID-kaart van uw kind. Niet verplicht."))

    def nieuw_kind(self):
        d = self.cleaned_data
        return {k: d.get(k) or "" for k in ("voornamen", "tussenvoegsel", "achternaam", "roepnaam", "bsn")} | {
            "geboortedatum": d["geboortedatum"]}

    def check_nieuw_kind(self):
        d = self.cleaned_data
        for veld in ("voornamen", "achternaam", "geboortedatum"):
            if not d.get(veld):
                self.add_error(veld, _("Vul dit in voor een kind dat nog niet in het portaal staat."))
        gd = d.get("geboortedatum")
        if gd and gd > timezone.localdate():
            self.add_error("geboortedatum", _("Een geboortedatum ligt niet in de toekomst."))


class AanmeldingForm(KindVelden):
    kind = forms.ModelChoiceField(label=_("Welk kind meldt u aan?"), queryset=Leerling.objects.none(), required=False,
                                  empty_label=_("Een kind dat nog niet in het portaal staat"))
    school = SchoolKeuze(label=_("Bij welke school meldt u aan?"), queryset=School.objects.order_by("naam"))
    gewenste_start = forms.DateField(label=_("Vanaf wanneer zou uw kind naar deze school gaan?"), widget=DATUM,
                                     help_text=_("Meld zo mogelijk minstens 10 weken van tevoren aan (A-4)."))
    ondersteuning = forms.ChoiceField(label=_("Heeft uw kind extra ondersteuning nodig?"), choices=Ondersteuning.choices,
                                      widget=forms.RadioSelect)
    andere_school_1 = SchoolKeuze(label=_("Andere school waar u ook aanmeldt (1)"), queryset=School.objects.order_by("naam"),
                                  required=False)
    andere_school_2 = SchoolKeuze(label=_("Andere school waar u ook aanmeldt (2)"), queryset=School.objects.order_by("naam"),
                                  required=False)
    andere_school_buiten = forms.CharField(label=_("Andere school die niet in de lijst staat"), max_length=200, required=False)
    voorkeur_positie = forms.TypedChoiceField(
        label=_("Op welke plaats staat deze school in uw voorkeur?"), coerce=int,
        choices=[(1, _("1 — mijn eerste keuze")), (2, "2"), (3, "3"), (4, "4")], initial=1,
        help_text=_("De school van uw eerste keuze heeft de zorgplicht als uw kind extra ondersteuning nodig heeft (A-5). "
                    "De andere scholen staan in de volgorde waarin u ze hierboven noemt."))
    wat_belangrijk = forms.CharField(label=_("Wat vindt u belangrijk voor uw kind?"), widget=forms.Textarea(attrs={"rows": 4}),
                                     required=False)
    document_1 = forms.FileField(label=_("Document (PDF of foto), bijvoorbeeld een verslag"), required=False)
    delen_1 = forms.BooleanField(label=_("Dit document mag naar een andere school als die wordt gevraagd mijn kind toe te laten"),
                                 required=False)
    document_2 = forms.FileField(label=_("Nog een document"), required=False)
    delen_2 = forms.BooleanField(label=_("Ook dit document mag naar een andere school"), required=False)
    gezag = forms.BooleanField(label=_("Ik verklaar dat ik gezag heb over dit kind."), required=True,
                               error_messages={"required": _("Alleen een ouder met gezag kan aanmelden. Vink dit aan als dat klopt.")})

    def __init__(self, *args, ouder, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = Leerling.objects.filter(gezag__ouder=ouder).order_by("geboortedatum")
        self.order_fields(["kind", "voornamen", "tussenvoegsel", "achternaam", "roepnaam", "geboortedatum", "bsn"])

    def clean_document_1(self):
        return check_bestand(self.cleaned_data.get("document_1"))

    def clean_document_2(self):
        return check_bestand(self.cleaned_data.get("document_2"))

    def clean(self):
        d = super().clean()
        if not d.get("kind"):
            self.check_nieuw_kind()
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
    ontvangen_datum = forms.DateField(label=_("Datum van ontvangst"), widget=DATUM)
    ontvangen_tijd = forms.TimeField(label=_("Tijd van ontvangst"), widget=forms.TimeInput(attrs={"type": "time"}))
    gewenste_start = forms.DateField(label=_("Gewenste startdatum"), widget=DATUM)
    ondersteuning = forms.ChoiceField(label=_("Extra ondersteuning nodig volgens de ouders"), choices=Ondersteuning.choices)
    voorkeur_positie = forms.TypedChoiceField(label=_("Plaats van deze school in de voorkeur van de ouders"), coerce=int,
                                              choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")])
    andere_scholen = forms.CharField(label=_("Andere scholen, in volgorde van voorkeur (één per regel)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    wat_belangrijk = forms.CharField(label=_("Wat ouders belangrijk vinden"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    gezag = forms.BooleanField(label=_("De ouder verklaart gezag te hebben (staat op het formulier)."))

    def __init__(self, *args, school_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(pk__in=school_ids).order_by("naam")

    def clean(self):
        d = super().clean()
        self.check_nieuw_kind()
        if d.get("ontvangen_datum") and d["ontvangen_datum"] > timezone.localdate():
            self.add_error("ontvangen_datum", _("De datum van ontvangst ligt niet in de toekomst."))
        return d


class InformatieForm(forms.Form):
    omschrijving = forms.CharField(label=_("Welke informatie vraagt u, en waarom?"), widget=forms.Textarea(attrs={"rows": 3}))
    antwoord_uiterlijk = forms.DateField(label=_("Antwoord uiterlijk"), widget=DATUM)


class ToestemmingForm(forms.Form):
    omschrijving = forms.CharField(label=_("Waarvoor vraagt u toestemming?"), widget=forms.Textarea(attrs={"rows": 2}))
    organisatie = forms.CharField(label=_("Organisatie of deskundige"), max_length=200)
    doel = forms.CharField(label=_("Doel"), widget=forms.Textarea(attrs={"rows": 2}))
    omvang = forms.CharField(label=_("Omvang: welke gegevens, met wie, hoe lang"), widget=forms.Textarea(attrs={"rows": 2}))


class VerlengForm(forms.Form):
    weken = forms.IntegerField(label=_("Verlengen met (weken)"), min_value=1, max_value=4)
    reden = forms.CharField(label=_("Reden (komt in de brief aan de ouders)"), widget=forms.Textarea(attrs={"rows": 2}))


class NotitieForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=NotitieSoort.choices)
    datum = forms.DateField(label=_("Datum"), widget=DATUM, initial=timezone.localdate)
    tekst = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 3}))


class PlaatsingForm(forms.Form):
    school = SchoolKeuze(label=_("Welke school vraagt u?"), queryset=School.objects.order_by("naam"))
    toelichting = forms.CharField(label=_("Toelichting (wat heeft het kind nodig?)"), widget=forms.Textarea(attrs={"rows": 3}))


class PlaatsingAntwoordForm(forms.Form):
    akkoord = forms.TypedChoiceField(label=_("Kan uw school dit kind toelaten?"), coerce=lambda v: v == "ja",
                                     choices=[("ja", _("Ja, wij laten het kind toe")), ("nee", _("Nee"))],
                                     widget=forms.RadioSelect)
    antwoord = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class BesluitForm(forms.Form):
    soort = forms.ChoiceField(label=_("Besluit"), choices=BesluitSoort.choices, widget=forms.RadioSelect)
    motivering = forms.CharField(label=_("Redenen (komen in de brief, A-12)"), widget=forms.Textarea(attrs={"rows": 4}))
    ondersteuning_aanbod = forms.CharField(label=_("Aangeboden ondersteuning (bij toelating met ondersteuning)"),
                                           widget=forms.Textarea(attrs={"rows": 3}), required=False)
    grond = forms.ChoiceField(label=_("Grond (bij niet toegelaten, A-11)"), choices=[("", "—")] + list(WeigerGrond.choices),
                              required=False)
    ontvangende_school = SchoolKeuze(label=_("School die het kind toelaat (plek elders, in het portaal)"),
                                     queryset=School.objects.order_by("naam"), required=False)
    ontvangende_school_naam = forms.CharField(label=_("Of: school buiten het portaal"), max_length=200, required=False)
    acceptatie = forms.FileField(label=_("Schriftelijke acceptatie van die school (PDF)"), required=False)

    def clean_acceptatie(self):
        return check_bestand(self.cleaned_data.get("acceptatie"))


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(label=_("Uw antwoord"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    bestand = forms.FileField(label=_("Document toevoegen (PDF of foto)"), required=False)

    def clean_bestand(self):
        return check_bestand(self.cleaned_data.get("bestand"))

    def clean(self):
        d = super().clean()
        if not self.errors and not (d.get("antwoord") or "").strip() and not d.get("bestand"):
            raise forms.ValidationError(_("Schrijf een antwoord of voeg een document toe."))
        return d


class IntrekForm(forms.Form):
    reden = forms.CharField(label=_("Waarom trekt u de aanmelding in?"), widget=forms.Textarea(attrs={"rows": 2}))


class ReactieForm(forms.Form):
    akkoord = forms.TypedChoiceField(label=_("Bent u het eens met het aanbod?"), coerce=lambda v: v == "ja",
                                     choices=[("ja", _("Ja, ik ben het eens")), ("nee", _("Nee, ik ben het niet eens"))],
                                     widget=forms.RadioSelect)
    reden = forms.CharField(label=_("Toelichting (nodig als u het niet eens bent)"), widget=forms.Textarea(attrs={"rows": 2}),
                            required=False)
