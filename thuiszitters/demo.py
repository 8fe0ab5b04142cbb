"""The thuiszitters' demo data (``manage.py demo``): four pupils in different states — just registered with a plan,
partial education for six weeks (Mila, 18: she sees her own case), a child not enrolled anywhere on the SWV's desk after more than three months, and
one back at school (Daan, with his arrangement). The leerplichtambtenaar of Valleistad (where they all live) has
followed Sem up with a conversation and reported a child the portal does not know to the SWV (issue #20 §6).
Idempotent; fictional."""

from datetime import timedelta
from decimal import Decimal


def demo(ctx):
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership
    from portal.leerlingen.models import Leerling
    from portal.zaken import services as zaken

    from . import services as s
    from .constants import Reden, Soort, Status
    from .models import LeerplichtOpvolging, LeerplichtSignaal, Thuiszitter

    def staf(school):
        m = (Membership.objects.filter(school=school, rol__in=[Rol.IB, Rol.DIRECTEUR]).select_related("user")
             .order_by("rol", "pk").first())
        return m.user if m else None

    def registreer(kind, school, dagen, soort, reden, **kw):
        if kind is None or Thuiszitter.objects.filter(leerling=kind).exists():
            return None
        door = staf(school) if school else kw.pop("door")
        if door is None:
            return None
        return s.thuiszitter_registreer(leerling=kind, school=school, door=door, sinds=ctx.today - timedelta(days=dagen),
                                        soort=soort, reden=reden, vandaag=ctx.today, **kw)

    t = registreer(ctx.leerlingen.get("Sem"), ctx.scholen["wegwijzer"], 10, Soort.RELATIEF, Reden.SCHOOLWEIGERING)
    if t:
        s.plan_bewaar(thuiszitter=t, door=staf(t.school), wat="Gesprekken met Sem en zijn ouders; elke ochtend een "
                      "uur op school met de intern begeleider.", wie="Intern begeleider en schoolmaatschappelijk werk",
                      volgende_datum=ctx.today + timedelta(days=7))
    t = registreer(ctx.leerlingen.get("Mila"), ctx.scholen["zonnehoek"], 42, Soort.GEDEELTELIJK_ZONDER,
                   Reden.PSYCHISCH, uren_per_week=Decimal("8"))
    if t:
        s.plan_bewaar(thuiszitter=t, door=staf(t.school), wat="Rooster stap voor stap uitbreiden.",
                      wie="Mentor en jeugdarts", volgende_datum=ctx.today + timedelta(days=14))
    swv_staf = Membership.objects.filter(swv=ctx.swv["po"], rol=Rol.SWV).select_related("user").first()
    if swv_staf:
        finn, _ = Leerling.objects.get_or_create(voornamen="Finn", achternaam="Mulder", defaults={
            "roepnaam": "Finn", "geboortedatum": ctx.today.replace(year=ctx.today.year - 10),
            "woongemeente": ctx.gemeente})
        t = registreer(finn, None, 120, Soort.ABSOLUUT, Reden.GEEN_PLEK, swv=ctx.swv["po"], door=swv_staf.user)
        if t:
            zaken.zaak_transition(zaak=t, naar=Status.BIJ_SWV, door=None, systeem=True)
    t = registreer(ctx.leerlingen.get("Daan"), ctx.scholen["regenboog"], 30, Soort.RELATIEF, Reden.ONDERSTEUNING)
    if t:
        s.thuiszitter_beeindig(thuiszitter=t, door=staf(t.school), op=ctx.today - timedelta(days=3),
                               waar="De Regenboog, met een arrangement", uren=Decimal("22"), volledig=True)

    # leerplicht (issue #20 §6): a follow-up of Sem's case, a report of a child at home to the SWV
    lp = (Membership.objects.filter(rol=Rol.LEERPLICHT, gemeente=ctx.gemeente).select_related("user")
          .order_by("pk").first())
    sem = Thuiszitter.objects.filter(leerling=ctx.leerlingen.get("Sem")).first() if ctx.leerlingen.get("Sem") else None
    if lp and sem and sem.is_open and not LeerplichtOpvolging.objects.filter(thuiszitter=sem).exists():
        s.opvolging_leg_vast(thuiszitter=sem, door=lp.user, soort="gesprek", op=ctx.today - timedelta(days=2),
                             notitie="Gesprek met Sem, zijn moeder en de intern begeleider. Volgende week opnieuw.",
                             vandaag=ctx.today)
    if lp and not LeerplichtSignaal.objects.filter(naam="Lotte Bakker").exists():
        s.signaal_meld(door=lp.user, voornamen="Lotte", achternaam="Bakker",
                       geboortedatum=ctx.today.replace(year=ctx.today.year - 9, day=1), sinds=ctx.today - timedelta(days=20),
                       notitie="Verhuisd naar de gemeente; nog geen school gevonden.", swv=ctx.swv["po"],
                       vandaag=ctx.today)
