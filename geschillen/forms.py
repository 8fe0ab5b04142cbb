"""Forms of the geschillen app. Field checks here; the rules of the law in the services. Every form is a
``PortalForm``: optional fields say so, errors are summarised and shown at the field, the input is kept."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.basis.forms import DatumVeld, KortTekstVeld, MeerdereKeuze, PortalForm, TekstVeld
from portal.documenten.validators import DocumentField
from portal.organisaties.models import School

from .constants import (
    AdviesSoort,
    AdviesUitkomst,
    BezwaarUitkomst,
    HoorSoort,
    HulpRol,
    Oordeel,
    Opvolging,
    Partij,
)


class SchoolKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} — {obj.plaats}"


class LeerlingKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.naam


# --- parents ------------------------------------------------------------------------------------------------------

class DelingForm(PortalForm):
    rol = forms.ChoiceField(label=_("Met wie deelt u deze zaak?"), choices=HulpRol.choices, widget=forms.RadioSelect)
    email = forms.EmailField(label=_("E-mailadres van die persoon"), max_length=254,
                             help_text=_("Deze persoon krijgt een e-mail met een link die 7 dagen geldig is en één keer "
                                         "werkt."))
    geldig_tot = DatumVeld(label=_("Delen tot en met"), jaren_terug=0, jaren_vooruit=1, niet_voor_vandaag=True,
                           help_text=_("Ten hoogste een jaar. U kunt het delen eerder stoppen."))

    def __init__(self, *args, **kwargs):
        kwargs["initial"] = {"geldig_tot": timezone.localdate() + timedelta(days=90)} | (kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)


class IntrekForm(PortalForm):
    reden = TekstVeld(label=_("Waarom trekt u het in?"), rijen=2, required=False,
                      help_text=_("De andere partij leest dit."))


class _KindSchoolForm(PortalForm):
    """Which child and which school: the parent's own children, and the schools the child has to do with."""

    kind = LeerlingKeuze(label=_("Over welk kind gaat het?"), queryset=None)
    school = SchoolKeuze(label=_("Over welke school gaat het?"), queryset=School.objects.none())

    def __init__(self, *args, ouder, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from portal.zaken.hoorrecht import leerlingen_waarvoor

        kinderen = leerlingen_waarvoor(ouder)  # a minor's parents, the adult pupil, their curator (issue #17 §1)
        self.fields["kind"].queryset = kinderen.order_by("geboortedatum")
        self.fields["school"].queryset = School.objects.filter(
            Q(inschrijvingen__leerling__in=kinderen) | Q(zaken__leerling__in=kinderen)).distinct().order_by("naam")


class KlachtForm(_KindSchoolForm):
    onderwerp = TekstVeld(label=_("Waar gaat uw klacht over?"), rijen=5,
                          help_text=_("Schrijf op wat er gebeurde, wanneer, en wie erbij waren."))
    gewenst = TekstVeld(label=_("Wat wilt u bereiken?"), rijen=2, required=False)
    commissie = forms.ModelChoiceField(
        label=_("Klachtencommissie"), queryset=None, required=False,
        help_text=_("Alleen nodig als het schoolbestuur bij meer dan één klachtencommissie is aangesloten."))
    bestand = DocumentField(label=_("Document toevoegen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Klachtencommissie

        self.fields["commissie"].queryset = Klachtencommissie.objects.order_by("naam")


class AdviesForm(_KindSchoolForm):
    soort = forms.ChoiceField(label=_("Wat vraagt u?"), choices=AdviesSoort.choices, widget=forms.RadioSelect)
    vraag = TekstVeld(label=_("Uw vraag"), rijen=4)
    partijen = forms.MultipleChoiceField(
        label=_("Wie mag het samenwerkingsverband erbij betrekken?"), choices=Partij.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen wie u aanvinkt, wordt betrokken en ziet uw vraag. Bemiddeling met de school kan alleen als "
                    "de school erbij mag."))


class BezwaarForm(PortalForm):
    gronden = TekstVeld(label=_("Waarom bent u het niet eens met het besluit?"), rijen=6)
    te_laat_reden = TekstVeld(label=_("Waarom maakt u later bezwaar dan de termijn?"), rijen=2, required=False,
                              help_text=_("Alleen nodig als de termijn voorbij is."))
    bestand = DocumentField(label=_("Document toevoegen"), required=False)

    def __init__(self, *args, school: bool = False, te_laat: bool = False, **kwargs):
        """``school``: the school files (the TLV's applying school, C-6); the questions speak to the school.
        ``te_laat``: the filing term is over (A-13, Awb 6:9/6:11; filed online, the bezwaar is received today). Only
        then is the reason asked, and then it is needed; within the term, or without a term, no such question
        (issue #22 §2 item 7)."""
        super().__init__(*args, **kwargs)
        if not te_laat:
            del self.fields["te_laat_reden"]
        else:  # needed now: no "(niet verplicht)"; left empty, the service says so at the field, naming who judges
            veld = self.fields["te_laat_reden"]
            veld.help_text = ""
            veld.label = (_("Waarom maakt de school later bezwaar dan de termijn?") if school
                          else _("Waarom maakt u later bezwaar dan de termijn?"))
        if school:
            self.fields["gronden"].label = _("Waarom is de school het niet eens met het besluit?")


class GeschilForm(PortalForm):
    ingediend_op = DatumVeld(label=_("Op welke dag stuurde u het verzoek naar de Geschillencommissie?"), jaren_terug=1,
                             jaren_vooruit=0, niet_na_vandaag=True)
    toelichting = TekstVeld(label=_("Waar gaat het geschil over?"), rijen=5, required=False)
    spoed = forms.BooleanField(label=_("Het is dringend: ik heb de commissie om een spoedbehandeling gevraagd"),
                               required=False)
    te_laat_reden = TekstVeld(label=_("Waarom dient u het verzoek later in dan 6 weken na het besluit?"), rijen=2,
                              required=False, help_text=_("Alleen nodig als de 6 weken voorbij zijn."))
    waarschuwing_gezien = forms.BooleanField(
        label=_("Ik heb de waarschuwing gelezen en dien het verzoek toch in"), required=False)
    bestand = DocumentField(label=_("Uw verzoek of een ander document toevoegen"), required=False)

    def __init__(self, *args, waarschuwing: str = "", uiterlijk=None, **kwargs):
        """``uiterlijk``: the last day of the 6 weeks (D-2), None when there is no decision to count from (an
        arrangement, an OPP: no decision, no term). The reason for filing late is asked only when the 6 weeks are
        over today — the day of filing is not after today — and needed only when that day is after them
        (issue #22 §2 item 7)."""
        kwargs["initial"] = {"ingediend_op": timezone.localdate()} | (kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)
        self.uiterlijk = uiterlijk
        if not waarschuwing:
            del self.fields["waarschuwing_gezien"]
        if uiterlijk is None or timezone.localdate() <= uiterlijk:
            del self.fields["te_laat_reden"]
        else:  # needed when the request went out after the 6 weeks: the label does not say "(niet verplicht)"
            from django.utils.formats import date_format

            veld = self.fields["te_laat_reden"]
            veld.label = _("Waarom dient u het verzoek later in dan 6 weken na het besluit?")
            veld.help_text = _("Nodig als u het verzoek na %(datum)s verstuurde.") % {
                "datum": date_format(uiterlijk, "j F Y")}

    def clean(self):
        d = super().clean()
        dag = d.get("ingediend_op")
        if ("te_laat_reden" in self.fields and dag and self.uiterlijk and dag > self.uiterlijk
                and not (d.get("te_laat_reden") or "").strip()):
            self.add_error("te_laat_reden", _("De 6 weken om een geschil in te dienen zijn voorbij. Later kan nog, "
                                              "maar alleen met een goede reden: schrijf die op. De commissie "
                                              "beoordeelt die reden."))
        return d


# --- staff: klacht ------------------------------------------------------------------------------------------------

class ZittingForm(PortalForm):
    zitting_op = DatumVeld(label=_("Datum van de hoorzitting"), jaren_terug=1, jaren_vooruit=1)
    verslag = TekstVeld(label=_("Verslag"), rijen=4, required=False)


class OordeelForm(PortalForm):
    oordeel = forms.ChoiceField(label=_("Oordeel van de commissie"), choices=Oordeel.choices, widget=forms.RadioSelect)
    oordeel_op = DatumVeld(label=_("Datum van het oordeel"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    samenvatting = TekstVeld(label=_("Samenvatting van het oordeel"), rijen=4)
    bestand = DocumentField(label=_("Het oordeel (PDF)"), required=False)


class KlachtOordeelForm(OordeelForm):
    aanbevelingen = TekstVeld(label=_("Aanbevelingen aan het bestuur"), rijen=3, required=False)


class KlachtReactieForm(PortalForm):
    opvolging = forms.ChoiceField(label=_("Wat doet het bestuur met het oordeel?"), choices=Opvolging.choices,
                                  widget=forms.RadioSelect)
    maatregelen = TekstVeld(label=_("Maatregelen en redenen (komen in de brief)"), rijen=5)


# --- staff: bezwaar -----------------------------------------------------------------------------------------------

class _Persoon(MeerdereKeuze):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class _EenPersoon(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


def _regeling(bezwaar):
    from portal.zaken.bezwaarregeling import bezwaarregeling

    if bezwaar is None or not bezwaar.betreft_besluit_id:
        return None
    return bezwaarregeling(bezwaar.betreft_besluit.besluittype)


class HoorForm(PortalForm):
    afgezien = forms.BooleanField(label=_("De ouders zien af van horen"), required=False)
    gehoord_op = DatumVeld(label=_("Datum van het horen"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True,
                           required=False)
    hoorders = _Persoon(label=_("Wie hoorden de ouders?"), queryset=None, required=False,
                        widget=forms.CheckboxSelectMultiple, help_text=_(
                            "Leeg: u zelf. Wie het besluit voorbereidde of nam, hoort niet alleen; met meer personen "
                            "moet de meerderheid, ook wie het horen leidt, er niet bij betrokken zijn geweest "
                            "(Awb 7:5 lid 1). Hoort een bestuurder mee, dan mag dat wel."))
    voorzitter = _EenPersoon(label=_("Wie leidde het horen?"), queryset=None, required=False,
                             help_text=_("Leeg: de eerste van wie hoorden."))
    commissie = KortTekstVeld(label=_("Of: een adviescommissie voor bezwaarschriften hoorde (naam)"), required=False,
                              help_text=_("Awb 7:13: dan hoort de commissie; haar voorzitter komt van buiten het "
                                          "bevoegd gezag."))
    verslag = TekstVeld(label=_("Verslag van het horen"), rijen=4, required=False)
    bestand = DocumentField(label=_("Verslag (PDF)"), required=False)

    def __init__(self, *args, bezwaar=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from .services.bezwaar import mogelijke_hoorders

        if bezwaar is not None and bezwaar.door_school:
            self.fields["afgezien"].label = _("De school ziet af van horen")
        regeling = _regeling(bezwaar)
        if regeling is not None and regeling.adviescommissie:
            # Awb 7:13 lid 3: the kind's advisory commission hears (the TLV: the LBT); the service records it
            for naam in ("hoorders", "voorzitter", "commissie"):
                del self.fields[naam]
            return
        pks = [u.pk for u in mogelijke_hoorders(bezwaar)] if bezwaar is not None else []
        qs = get_user_model().objects.filter(pk__in=pks).order_by("first_name", "last_name", "pk")
        self.fields["hoorders"].queryset = qs
        self.fields["voorzitter"].queryset = qs

    def clean(self):
        d = super().clean()
        if not self.errors and not d.get("afgezien"):
            if not d.get("gehoord_op"):
                self.add_error("gehoord_op", _("Vul de datum van het horen in, of vink aan dat de ouders afzien."))
            if not (d.get("verslag") or "").strip():
                self.add_error("verslag", _("Schrijf een kort verslag van het horen."))
        return d


class BezwaarPapierForm(PortalForm):
    """A bezwaarschrift that came in on paper, recorded by the bevoegd gezag's staff (Awb 6:9)."""

    namens = _EenPersoon(label=_("Van welke ouder is het bezwaarschrift?"), queryset=None)
    ontvangen_op = DatumVeld(label=_("Ontvangen op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    ter_post_op = DatumVeld(label=_("Op de post gedaan op (poststempel)"), jaren_terug=1, jaren_vooruit=0,
                            niet_na_vandaag=True, required=False, help_text=_(
                                "Niet verplicht. Ging het binnen de termijn op de post en kwam het uiterlijk een week "
                                "na het einde binnen, dan is het op tijd (Awb 6:9 lid 2)."))
    gronden = TekstVeld(label=_("Gronden van het bezwaar (overnemen uit de brief)"), rijen=6)
    te_laat_reden = TekstVeld(label=_("Reden die de ouders geven voor het te laat indienen"), rijen=2, required=False,
                              help_text=_("Alleen nodig als het bezwaarschrift te laat is."))
    bestand = DocumentField(label=_("Het bezwaarschrift (scan)"), required=False)

    def __init__(self, *args, leerling=None, te_laat_mogelijk: bool = True, **kwargs):
        """``te_laat_mogelijk``: the filing term is over today, so a bezwaarschrift received now (or earlier) may be
        late (Awb 6:9); otherwise no question about lateness (issue #22 §2 item 7)."""
        super().__init__(*args, **kwargs)
        if not te_laat_mogelijk:
            del self.fields["te_laat_reden"]
        from django.contrib.auth import get_user_model

        pks = list(leerling.gezag.values_list("ouder_id", flat=True)) if leerling is not None else []
        self.fields["namens"].queryset = get_user_model().objects.filter(pk__in=pks).order_by("pk")

    def clean(self):
        d = super().clean()
        ontvangen, post = d.get("ontvangen_op"), d.get("ter_post_op")
        if ontvangen and post and post > ontvangen:
            self.add_error("ter_post_op", _("De dag van verzending kan niet na de dag van ontvangst liggen."))
        return d


class BezwaarBeslissingForm(PortalForm):
    uitkomst = forms.ChoiceField(label=_("Beslissing op het bezwaar"), choices=BezwaarUitkomst.choices,
                                 widget=forms.RadioSelect)
    motivering = TekstVeld(label=_("Redenen (komen in de brief)"), rijen=6)


# --- staff: geschil -----------------------------------------------------------------------------------------------

class VerweerForm(PortalForm):
    verweer_op = DatumVeld(label=_("Datum waarop het verweer naar de commissie ging"), jaren_terug=1, jaren_vooruit=0,
                           niet_na_vandaag=True)
    samenvatting = TekstVeld(label=_("Samenvatting van het verweer"), rijen=4, required=False)
    bestand = DocumentField(label=_("Het verweerschrift (PDF)"), required=False)

    def clean(self):
        d = super().clean()
        if not self.errors and not d.get("bestand") and not (d.get("samenvatting") or "").strip():
            self.add_error("samenvatting", _("Voeg het verweerschrift toe of vat het samen."))
        return d


class GeschilZittingForm(PortalForm):
    zitting_op = DatumVeld(label=_("Datum van de zitting"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    aanwezig = KortTekstVeld(label=_("Wie waren er?"), required=False)
    leerling_gehoord = forms.BooleanField(label=_("De leerling (12 jaar of ouder) is gehoord"), required=False)
    swv_uitgenodigd = forms.BooleanField(label=_("Het samenwerkingsverband was uitgenodigd"), required=False)


class GeschilReactieForm(PortalForm):
    opvolging = forms.ChoiceField(label=_("Wat doet het bestuur met het oordeel?"), choices=Opvolging.choices,
                                  widget=forms.RadioSelect)
    motivering = TekstVeld(label=_("Toelichting en redenen (komen in de brief; nodig als het bestuur afwijkt)"), rijen=6,
                           required=False)

    def clean(self):
        d = super().clean()
        if not self.errors and d.get("opvolging") != Opvolging.VOLGT and not (d.get("motivering") or "").strip():
            self.add_error("motivering", _("Het bestuur wijkt af van het oordeel: geef de redenen."))
        return d


# --- staff: advies ------------------------------------------------------------------------------------------------

class IntakeForm(PortalForm):
    behandelaar = forms.ModelChoiceField(label=_("Behandelaar"), queryset=None)
    intake_op = DatumVeld(label=_("Datum van de intake"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    notitie = TekstVeld(label=_("Intake"), rijen=4, required=False)

    def __init__(self, *args, swv, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["behandelaar"].queryset = get_user_model().objects.filter(
            memberships__swv=swv, memberships__rol="swv", is_active=True).distinct().order_by("last_name")
        self.fields["behandelaar"].label_from_instance = lambda u: u.get_full_name() or u.email


class BijeenkomstForm(PortalForm):
    ACTIES = 3

    datum = DatumVeld(label=_("Datum"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    deelnemers = forms.MultipleChoiceField(label=_("Wie waren er?"), choices=(), widget=forms.CheckboxSelectMultiple,
                                           help_text=_("Alleen partijen waarmee de ouders instemden."))
    overige = KortTekstVeld(label=_("Namen (bijvoorbeeld wie namens de school er was)"), required=False)
    afspraken = TekstVeld(label=_("Afspraken"), rijen=4)

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemers"].choices = deelnemers
        for i in range(1, self.ACTIES + 1):
            self.fields[f"actie_{i}"] = KortTekstVeld(label=_("Actie %(n)s") % {"n": i}, required=False)
            self.fields[f"eigenaar_{i}"] = KortTekstVeld(label=_("Wie doet actie %(n)s") % {"n": i}, required=False,
                                                         max_length=200)
            self.fields[f"uiterlijk_{i}"] = DatumVeld(label=_("Actie %(n)s uiterlijk") % {"n": i}, jaren_terug=0,
                                                      jaren_vooruit=2, required=False)

    def clean(self):
        d = super().clean()
        for i in range(1, self.ACTIES + 1):
            if (d.get(f"actie_{i}") or "").strip() and not (d.get(f"eigenaar_{i}") or "").strip():
                self.add_error(f"eigenaar_{i}", _("Geef aan wie deze actie doet."))
        return d

    def acties(self) -> list[dict]:
        d = self.cleaned_data
        return [{"omschrijving": d.get(f"actie_{i}") or "", "eigenaar": d.get(f"eigenaar_{i}") or "",
                 "uiterlijk": d.get(f"uiterlijk_{i}")} for i in range(1, self.ACTIES + 1)]


class AfrondForm(PortalForm):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=AdviesUitkomst.choices, widget=forms.RadioSelect)
    toelichting = TekstVeld(label=_("Toelichting (de ouders lezen dit)"), rijen=3)


class ActieGedaanForm(PortalForm):
    op = DatumVeld(label=_("Gedaan op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)


# --- staff: schorsing and verwijdering ----------------------------------------------------------------------------

class _LeerlingVanSchoolForm(PortalForm):
    leerling = LeerlingKeuze(label=_("Leerling"), queryset=None)

    def __init__(self, *args, school_ids, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from portal.leerlingen.models import Leerling

        self.school_ids = set(school_ids)
        vandaag = timezone.localdate()
        self.fields["leerling"].queryset = Leerling.objects.filter(
            Q(inschrijvingen__tot__isnull=True) | Q(inschrijvingen__tot__gte=vandaag),
            inschrijvingen__school_id__in=school_ids).distinct().order_by("achternaam", "voornamen")
        self.fields["leerling"].label_from_instance = lambda lln: f"{lln.naam} ({lln.geboortedatum:%d-%m-%Y})"

    def school(self):
        """The pupil's school among the user's schools."""
        from portal.leerlingen.models import Inschrijving

        ins = (Inschrijving.objects.filter(leerling=self.cleaned_data["leerling"], school_id__in=self.school_ids)
               .select_related("school").order_by("-van").first())
        return ins.school if ins else None


class SchorsingForm(_LeerlingVanSchoolForm):
    van = DatumVeld(label=_("Geschorst vanaf"), jaren_terug=0, jaren_vooruit=1, niet_voor_vandaag=True)
    tot = DatumVeld(label=_("Geschorst tot en met"), jaren_terug=0, jaren_vooruit=1, niet_voor_vandaag=True,
                    help_text=_("Ten hoogste één week (5 schooldagen)."))
    redenen = TekstVeld(label=_("Redenen (komen in de brief aan de ouders)"), rijen=5)
    gehoord = TekstVeld(label=_("Wie is vooraf gehoord?"), rijen=2, required=False)


class InspectieForm(PortalForm):
    gemeld_op = DatumVeld(label=_("Gemeld aan de inspectie op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    kenmerk = KortTekstVeld(label=_("Kenmerk"), max_length=100, required=False)


class TerugForm(PortalForm):
    terug_op = DatumVeld(label=_("Terug op school op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)


class VerwijderingStartForm(_LeerlingVanSchoolForm):
    reden = TekstVeld(label=_("Waarom overweegt de school verwijdering?"), rijen=5)


class HorenForm(PortalForm):
    soort = forms.ChoiceField(label=_("Wie is gehoord?"), choices=HoorSoort.choices, widget=forms.RadioSelect)
    datum = DatumVeld(label=_("Datum"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    verslag = TekstVeld(label=_("Verslag"), rijen=4)


class AcceptatieForm(PortalForm):
    school = SchoolKeuze(label=_("School die de leerling toelaat (in het portaal)"), queryset=School.objects.all(),
                         required=False)
    school_naam = KortTekstVeld(label=_("Of: naam van een school buiten het portaal"), max_length=200, required=False)
    op = DatumVeld(label=_("Datum van de toezegging"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)
    bestand = DocumentField(label=_("Schriftelijke acceptatie van die school"))

    def clean(self):
        d = super().clean()
        if not self.errors and not d.get("school") and not (d.get("school_naam") or "").strip():
            self.add_error("school", _("Kies de school of vul de naam in."))
        return d


class InspectieOverlegForm(PortalForm):
    op = DatumVeld(label=_("Overleg met de inspectie op"), jaren_terug=1, jaren_vooruit=0, niet_na_vandaag=True)


class VerwijderingBesluitForm(PortalForm):
    per = DatumVeld(label=_("Verwijderd per"), jaren_terug=0, jaren_vooruit=1, niet_voor_vandaag=True)
    motivering = TekstVeld(label=_("Redenen (komen in de brief)"), rijen=6)


class ZieAfForm(PortalForm):
    reden = TekstVeld(label=_("Toelichting"), rijen=2, required=False)
