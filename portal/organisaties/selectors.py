"""Reads of the public support information (issue #9 §1), scoped and cheap. The school finder of the
public-information issue filters on these structured fields — never on free text."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from .models import (
    BasisondersteuningVersie,
    Ondersteuningsprofiel,
    ProfielExpertise,
    ProfielOnderdeel,
    ProfielStatus,
    School,
)


def geldend_profiel(school) -> Ondersteuningsprofiel | None:
    return (Ondersteuningsprofiel.objects.geldend().filter(school=school)
            .prefetch_related("onderdelen", "expertises", "basisondersteuning__swv").first())


def basis_versie(swv, nummer: int | None = None) -> BasisondersteuningVersie | None:
    qs = BasisondersteuningVersie.objects.filter(swv=swv).prefetch_related("onderdelen")
    return qs.filter(nummer=nummer).first() if nummer else qs.first()


def scholen_zoek(*, gebied: str | None = None, expertise: str | None = None, rolstoeltoegankelijk: bool | None = None,
                 lift: bool | None = None, gymzaal: bool | None = None, soort: str | None = None,
                 plaats: str | None = None, swv=None):
    """Schools whose profile in force matches every given criterion (the finder's query, DOMAIN §5 P1):
    an area of extra support or a specialism, an expertise present, physical accessibility, kind of school,
    place, SWV. Schools without a set profile are not excluded by default criteria — only when a profile
    criterion is asked. Each criterion is an ``EXISTS`` on the profile in force: no duplicate rows."""
    qs = School.objects.all()
    geldend = Ondersteuningsprofiel.objects.filter(school=OuterRef("pk"), status=ProfielStatus.VASTGESTELD)
    if rolstoeltoegankelijk:
        geldend = geldend.filter(rolstoeltoegankelijk=True)
    if lift:
        geldend = geldend.filter(lift="ja")
    if gymzaal:
        geldend = geldend.filter(gymzaal_toegankelijk=True)
    if gebied:
        geldend = geldend.filter(Exists(ProfielOnderdeel.objects.filter(profiel=OuterRef("pk"), gebied=gebied)))
    if expertise:
        geldend = geldend.filter(Exists(ProfielExpertise.objects.filter(profiel=OuterRef("pk"), expertise=expertise)))
    if any([rolstoeltoegankelijk, lift, gymzaal, gebied, expertise]):
        qs = qs.filter(Exists(geldend))
    if soort:
        qs = qs.filter(soort=soort)
    if plaats:
        qs = qs.filter(plaats__iexact=plaats.strip())
    if swv is not None:
        qs = qs.filter(samenwerkingsverbanden=swv)
    return qs.prefetch_related(Prefetch("profielen", queryset=Ondersteuningsprofiel.objects.geldend(),
                                        to_attr="geldende_profielen")).order_by("naam")


def scholen_op_naam(tekst: str, *, max_aantal: int = 25) -> list:
    """Schools by (part of) their name or place, or by BRIN: the first step of an online aanmelding when the
    parent did not come from the finder. At most ``max_aantal``, alphabetical."""
    tekst = (tekst or "").strip()
    if not tekst:
        return []
    q = Q(naam__icontains=tekst) | Q(plaats__iexact=tekst)
    if len(tekst) == 4 and tekst[:2].isdigit():
        q |= Q(brin__iexact=tekst)
    return list(School.objects.filter(q).order_by("naam", "plaats")[:max_aantal])
