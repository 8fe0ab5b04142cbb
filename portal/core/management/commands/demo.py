"""``python manage.py demo``: demo organisations, pupils, parents and one login per role. Idempotent.

Everything it creates is fictional. Only for ``make run`` and local trying out; refused in production.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.accounts.models import Membership, User
from portal.leerlingen.models import Gezag, Inschrijving, Leerling
from portal.leerlingen.services import inschrijving_maak
from portal.organisaties.models import (
    Basisondersteuning,
    Bestuur,
    Denominatie,
    Gemeente,
    Mandaat,
    Samenwerkingsverband,
    School,
)

WACHTWOORD = "Passend-Demo-2026"

# --- the monitoring's history (issue #20 §2, §7) ---------------------------------------------------------------------
# The apps' demo data add decided cases of the last six quarters, so the SWV's monitoring page shows a trend: the share
# of statutory terms decided on time, per quarter, slowly getting better as in an SWV that watches it. Below: the share
# of each app's main term (A-6, B-2, D-4, D-5) met on time per quarter, oldest first; the terms closed with it (A-9's
# 10 weeks, an OPP's evaluation) are mostly on time, so the page shows about 65 % rising to 85 %.
HISTORIE_OP_TIJD = (0.45, 0.5, 0.6, 0.65, 0.75, 0.8)
# Fictional pupils of the history (none of the named demo families: de Vries, El Amrani, Jansen, Bos, Hoekstra, Mulder,
# de Jong, van Dam).
HISTORIE_VOORNAMEN = ["Anouk", "Bas", "Céline", "Daniël", "Elif", "Fleur", "Gijs", "Hanna", "Ilias", "Jasmijn", "Kai",
                      "Lina", "Mees", "Nina", "Olivier", "Puck", "Quinten", "Rosa", "Stijn", "Tara"]
HISTORIE_ACHTERNAMEN = ["Aydın", "van Beek", "Claassen", "Dijkman", "Evers", "Fransen", "Gerritsen", "Huisman",
                        "IJzerman", "Jacobs", "Kramer", "Lammers", "Martens", "Nijland", "Oosterhuis", "Prins"]


@dataclass(frozen=True)
class Historisch:
    """One decided case of the demo's history: ``nummer`` is its identity over runs (the pupil it belongs to), so a
    second run finds it and adds nothing."""

    nummer: int
    kwartaal: int  # 0 = the oldest of the six, 5 = the current one
    gesloten_op: date  # the day the act was done (the decision made known, the OPP set, the oordeel given)
    op_tijd: bool  # meant on time; the clock's outcome is still computed from its own due date


def historie(today: date, *, sleutel: str, per_kwartaal: int, basis: int = 0) -> list[Historisch]:
    """``per_kwartaal`` decided cases in each of the last six quarters (none after yesterday), of which the share of
    ``HISTORIE_OP_TIJD`` on time; deterministic per ``sleutel``. Closing days fall on weekdays."""
    from portal.monitoring.selectors import kwartaal_einde, kwartalen

    rnd = random.Random(f"demo-historie-{sleutel}")
    out = []
    for q, begin in enumerate(kwartalen(today, len(HISTORIE_OP_TIJD))):
        eind = min(kwartaal_einde(begin), today - timedelta(days=1))
        aantal_op_tijd = round(HISTORIE_OP_TIJD[q] * per_kwartaal)
        vlaggen = [True] * aantal_op_tijd + [False] * (per_kwartaal - aantal_op_tijd)
        rnd.shuffle(vlaggen)
        for i, op_tijd in enumerate(vlaggen):
            dag = begin + timedelta(days=rnd.randint(0, max(0, (eind - begin).days)))
            if dag.weekday() >= 5:  # a weekend: the Friday before (or the Monday after, at the quarter's start)
                vrijdag = dag - timedelta(days=dag.weekday() - 4)
                dag = vrijdag if vrijdag >= begin else dag + timedelta(days=7 - dag.weekday())
            if begin <= dag <= eind:
                out.append(Historisch(basis + q * per_kwartaal + i, q, dag, op_tijd))
    return out


def historie_start(regel_id: str, gesloten_op: date, op_tijd: bool, *, rnd: random.Random) -> date:
    """The first day of a term that ends (on time) after ``gesloten_op``, or (late) some days before it."""
    from portal.termijnen import rules

    lengte = (rules.bereken_uiterlijk(rules.get(regel_id).params(), gesloten_op) - gesloten_op).days
    dagen = rnd.randint(lengte // 2, lengte * 9 // 10) if op_tijd else rnd.randint(lengte + 3, lengte + 24)
    start = gesloten_op - timedelta(days=dagen)
    return start - timedelta(days=max(0, start.weekday() - 4))  # a weekday


def historie_naam(nummer: int) -> tuple[str, str]:
    """The first and last name of history pupil ``nummer`` (each app numbers its own block: aanmelding 0–99, opp
    100–199, geschillen 300–399)."""
    if nummer >= len(HISTORIE_VOORNAMEN) * len(HISTORIE_ACHTERNAMEN):
        raise ValueError("Te veel historische demo-leerlingen voor de namenlijst.")
    return HISTORIE_VOORNAMEN[nummer % len(HISTORIE_VOORNAMEN)], HISTORIE_ACHTERNAMEN[nummer // len(HISTORIE_VOORNAMEN)]


def historie_leerling(nummer: int, *, geboren: date, gemeente=None):
    """The fictional pupil of history item ``nummer`` (found again by name on a second run)."""
    from portal.leerlingen.models import Leerling

    voornaam, achternaam = historie_naam(nummer)
    bestaand = Leerling.objects.filter(voornamen=voornaam, achternaam=achternaam).first()
    return bestaand or Leerling.objects.create(voornamen=voornaam, roepnaam=voornaam, achternaam=achternaam,
                                               geboortedatum=geboren, woongemeente=gemeente)


def moment(dag: date, uur: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur)))


def historie_klok(*, zaak, regel_id: str, start: date, gesloten_op: date, besluit=None, voor_ouders: bool = False):
    """A closed term of the history, as ``clock_start`` and ``clock_close`` leave it: the rule's parameters as now,
    the case's school and SWV, the due date computed from ``start``, and on time when closed on or before it."""
    from portal.termijnen import rules
    from portal.termijnen.models import Clock, Uitkomst

    params = rules.get(regel_id).params()
    uiterlijk = rules.bereken_uiterlijk(params, start)
    klok = Clock.objects.create(
        regel_id=regel_id, params=params, zaak=zaak, besluit=besluit, omschrijving=zaak.nummer,
        school_id=None if voor_ouders else zaak.school_id, swv_id=None if voor_ouders else zaak.swv_id, start=start,
        uiterlijk=uiterlijk, gesloten_op=gesloten_op,
        uitkomst=Uitkomst.OP_TIJD if gesloten_op <= uiterlijk else Uitkomst.TE_LAAT)
    Clock.objects.filter(pk=klok.pk).update(aangemaakt_op=moment(start), bijgewerkt_op=moment(gesloten_op, 16))
    return klok

LOGINS = [
    # email, first, last, rol, org-key
    ("ouder@demo.nl", "Sanne", "de Vries", Rol.OUDER, None),
    ("ouder2@demo.nl", "Mohammed", "El Amrani", Rol.OUDER, None),
    ("leerling@demo.nl", "Lotte", "Jansen", Rol.LEERLING, None),
    # issue #17 §1: an adult pupil who decides for herself, and one under curatele with his curator
    ("leerling18@demo.nl", "Mila", "Hoekstra", Rol.LEERLING, None),
    ("ouder3@demo.nl", "Anke", "Hoekstra", Rol.OUDER, None),
    # issue #22 §2 item 9: the most common OPP case — two parents with gezag, each asked to agree
    ("ouder4@demo.nl", "Ilse", "van Dam", Rol.OUDER, None),
    ("ouder5@demo.nl", "Ruben", "de Jong", Rol.OUDER, None),
    ("leerling-curatele@demo.nl", "Jesse", "Hoekstra", Rol.LEERLING, None),
    ("curator@demo.nl", "Carel", "Brouwer", Rol.VERTEGENWOORDIGER, None),
    ("ib-zonnehoek@demo.nl", "Iris", "de Graaf", Rol.IB, "zonnehoek"),
    ("ib@demo.nl", "Inge", "Bakker", Rol.IB, "regenboog"),
    ("directeur@demo.nl", "Dirk", "Smit", Rol.DIRECTEUR, "regenboog"),
    ("bestuurder@demo.nl", "Berend", "Kuipers", Rol.BESTUURDER, "bestuur-po"),
    ("leerkracht@demo.nl", "Lieke", "Visser", Rol.LEERKRACHT, "regenboog"),
    ("ib-wegwijzer@demo.nl", "Wim", "Mulder", Rol.IB, "wegwijzer"),
    ("swv@demo.nl", "Sara", "Vermeulen", Rol.SWV, "swv-po"),
    ("deskundige@demo.nl", "Dr. Eva", "de Boer", Rol.DESKUNDIGE, "Praktijk Orthopedagogiek Vallei (demo)"),
    ("onderwijsconsulent@demo.nl", "Olaf", "Dekker", Rol.ONDERWIJSCONSULENT, "Onderwijsconsulenten (demo)"),
    ("clientondersteuner@demo.nl", "Carla", "Peters", Rol.CLIENTONDERSTEUNER, "MEE Vallei (demo)"),
    ("leerplicht@demo.nl", "Lars", "Hendriks", Rol.LEERPLICHT, "gemeente"),
    ("beheerder@demo.nl", "Bram", "Willems", Rol.BEHEERDER, None),
]


class Command(BaseCommand):
    help = "Maakt demo-organisaties, -leerlingen en één demo-login per rol (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Druk de logins niet af.")

    @transaction.atomic
    def handle(self, *args, quiet=False, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("De demo-gegevens zijn niet voor productie.")
        today = timezone.localdate()
        swv_po, _ = Samenwerkingsverband.objects.get_or_create(
            code="PO 99-01", defaults={"naam": "SWV PO De Vallei (demo)", "sector": "po", "regio": "Valleistad e.o."})
        swv_vo, _ = Samenwerkingsverband.objects.get_or_create(
            code="VO 99-01", defaults={"naam": "SWV VO De Vallei (demo)", "sector": "vo", "regio": "Valleistad e.o."})
        for swv, items in [
            (swv_po, ["Ondersteuning bij lezen en dyslexie", "Aanpak voor gedrag en sociale veiligheid",
                      "Begeleiding bij meer- en hoogbegaafdheid", "Aangepast rooster in overleg"]),
            (swv_vo, ["Mentoraat en studiebegeleiding", "Faalangst- en examentraining", "Time-out-voorziening"]),
        ]:
            for i, titel in enumerate(items):
                Basisondersteuning.objects.get_or_create(swv=swv, titel=titel, defaults={"volgorde": i})
        gemeente, _ = Gemeente.objects.get_or_create(code="GM9999", defaults={"naam": "Valleistad (demo)"})
        swv_po.gemeenten.add(gemeente)
        swv_vo.gemeenten.add(gemeente)

        def bestuur(naam, nummer):
            b, _ = Bestuur.objects.get_or_create(naam=naam, defaults={
                "bevoegd_gezag_nummer": nummer, "adres": "Postbus 99, 9999 ZZ Valleistad",
                "bezwaar_adres": f"{naam}, t.a.v. de bezwaarcommissie, Postbus 99, 9999 ZZ Valleistad",
                "email": "bestuur@demo.nl"})
            return b

        b_po = bestuur("Stichting Primair Samen (demo)", "99001")
        b_vo = bestuur("Stichting VO Vallei (demo)", "99002")
        b_so = bestuur("Stichting Speciaal Onderwijs Vallei (demo)", "99003")

        def school(key, naam, brin, soort, bestuur, swvs, denom=Denominatie.OPENBAAR, profiel="", rolstoel=True):
            s, _ = School.objects.get_or_create(brin=brin, vestigingsnummer="00", defaults={
                "naam": naam, "soort": soort, "bestuur": bestuur, "denominatie": denom, "plaats": "Valleistad",
                "straat": f"Schoolstraat {len(key)}", "postcode": "9999 AA",
                # The support profile is structured and versioned (portal.organisaties.demo).
            })
            s.samenwerkingsverbanden.add(*swvs)
            return s

        scholen = {
            "regenboog": school("regenboog", "Basisschool De Regenboog (demo)", "99AA", "bao", b_po, [swv_po]),
            "palet": school("palet", "Basisschool Het Palet (demo)", "99AB", "bao", b_po, [swv_po], Denominatie.ROOMS_KATHOLIEK),
            "wegwijzer": school("wegwijzer", "SBO De Wegwijzer (demo)", "99AC", "sbo", b_po, [swv_po],
                                profiel="Kleine groepen (max. 16), orthopedagoog op school, intensieve taal- en rekenhulp."),
            "zonnehoek": school("zonnehoek", "SO/VSO De Zonnehoek (demo)", "99AD", "so", b_so, [swv_po, swv_vo],
                                profiel="Cluster 3: onderwijs aan kinderen met een lichamelijke of verstandelijke beperking; "
                                "fysiotherapie en logopedie op school."),
            "college": school("college", "Vallei College (demo)", "99AE", "vo", b_vo, [swv_vo], Denominatie.ALGEMEEN_BIJZONDER),
            "praktijk": school("praktijk", "Praktijkschool Vallei (demo)", "99AF", "pro", b_vo, [swv_vo]),
        }
        orgs = {"swv-po": swv_po, "swv-vo": swv_vo, "bestuur-po": b_po, "gemeente": gemeente} | scholen

        users = {}
        for email, first, last, rol, org in LOGINS:
            u, created = User.objects.get_or_create(email=email, defaults={
                "first_name": first, "last_name": last, "email_geverifieerd_op": timezone.now()})
            if created:
                u.set_password(WACHTWOORD)
                if rol == Rol.BEHEERDER:
                    u.is_staff = u.is_superuser = True
                u.save()
            kwargs = {"user": u, "rol": rol}
            if isinstance(org, School):
                pass
            target = orgs.get(org) if org else None
            if isinstance(target, School):
                kwargs["school"] = target
            elif isinstance(target, Samenwerkingsverband):
                kwargs["swv"] = target
            elif isinstance(target, Bestuur):
                kwargs["bestuur"] = target
            elif isinstance(target, Gemeente):
                kwargs["gemeente"] = target
            elif org:
                kwargs["organisatie_naam"] = org
            Membership.objects.get_or_create(**kwargs)
            users[email] = u
        # The board mandates the directeur to sign decisions on aanmeldingen (the register, issue #7 §4).
        Mandaat.objects.get_or_create(bestuur=b_po, user=users["directeur@demo.nl"], defaults={
            "functie": "directeur Basisschool De Regenboog (demo)", "besluittypen": ["aanmelding"],
            "van": today - timedelta(days=365), "verleend_door": users["bestuurder@demo.nl"]})
        User.objects.filter(email="ouder@demo.nl").update(brieven_digitaal=True)

        def leerling(voornamen, achternaam, geboren, roepnaam="", bsn=""):
            lln, _ = Leerling.objects.get_or_create(voornamen=voornamen, achternaam=achternaam, geboortedatum=geboren,
                                                    defaults={"roepnaam": roepnaam, "bsn": bsn, "woongemeente": gemeente})
            return lln

        daan = leerling("Daan Pieter", "de Vries", today.replace(year=today.year - 7), "Daan", "999990019")
        noor = leerling("Noor", "de Vries", today - timedelta(days=int(3.6 * 365)), "Noor")
        yara = leerling("Yara", "El Amrani", today.replace(year=today.year - 9), "Yara", "999990020")
        lotte = leerling("Lotte", "Jansen", today.replace(year=today.year - 14), "Lotte")
        sem = leerling("Sem", "Bos", today.replace(year=today.year - 8), "Sem")
        # Julia has two parents with gezag (issue #22 §2 item 9): her OPP waits for both (B-4).
        julia = leerling("Julia", "de Jong", today.replace(year=today.year - 9) - timedelta(days=60), "Julia")
        if lotte.account_id is None:
            lotte.account = users["leerling@demo.nl"]
            lotte.save(update_fields=["account"])
        # Mila (18 years and 3 months) decides for herself; Jesse (19) is under curatele: his curator acts, his
        # mother keeps reading (issue #17 §1). Both at the vso of De Zonnehoek, each with an OPP to agree to.
        mila = leerling("Mila", "Hoekstra", today.replace(year=today.year - 18) - timedelta(days=92), "Mila")
        jesse = leerling("Jesse", "Hoekstra", today.replace(year=today.year - 19) - timedelta(days=200), "Jesse")
        for kind, email in [(mila, "leerling18@demo.nl"), (jesse, "leerling-curatele@demo.nl")]:
            if kind.account_id is None:
                kind.account = users[email]
                kind.save(update_fields=["account"])
        for kind, ouder in [(daan, "ouder@demo.nl"), (noor, "ouder@demo.nl"), (yara, "ouder2@demo.nl"),
                            (mila, "ouder3@demo.nl"), (jesse, "ouder3@demo.nl"), (julia, "ouder4@demo.nl"),
                            (julia, "ouder5@demo.nl")]:
            Gezag.objects.get_or_create(leerling=kind, ouder=users[ouder])
        from portal.leerlingen.models import InzageOuder, Vertegenwoordiging

        if not InzageOuder.objects.filter(leerling=mila).exists():  # Mila lets her mother read along
            InzageOuder.objects.create(leerling=mila, ouder=users["ouder3@demo.nl"])

        Vertegenwoordiging.objects.get_or_create(
            leerling=jesse, vertegenwoordiger=users["curator@demo.nl"], soort="curator", defaults={
                "van": today - timedelta(days=300), "uitspraak": "Rechtbank Gelderland, C/05/999999 (demo)"})
        User.objects.filter(email__in=["leerling18@demo.nl", "curator@demo.nl"]).update(brieven_digitaal=True)

        def inschrijving(kind, school_key, dagen_geleden, extra=False):
            bestaand = Inschrijving.objects.filter(leerling=kind, school=scholen[school_key]).first()
            # Through the core's enrolment service, so the OPP's 6-week term (B-2) starts as in real use.
            return bestaand or inschrijving_maak(leerling=kind, school=scholen[school_key],
                                                 van=today - timedelta(days=dagen_geleden), door=None,
                                                 extra_ondersteuning=extra)

        # Daan (extra support, regular school) and Sem (sbo) need an OPP; their terms end soon, so the
        # deadline worker of `make run` has a reminder and an escalation to send.
        inschrijving(daan, "regenboog", 40, extra=True)
        inschrijving(yara, "palet", 400)
        inschrijving(lotte, "college", 500)
        inschrijving(sem, "wegwijzer", 50)
        inschrijving(mila, "zonnehoek", 30, extra=True)
        inschrijving(jesse, "zonnehoek", 35, extra=True)
        inschrijving(julia, "regenboog", 25, extra=True)

        # The domain apps add their own demo data (portal never imports them).
        from types import SimpleNamespace

        from portal.basis.registry import demo_vullers

        ctx = SimpleNamespace(scholen=scholen, users=users, swv={"po": swv_po, "vo": swv_vo},
                              besturen={"po": b_po, "vo": b_vo, "so": b_so}, gemeente=gemeente, today=today,
                              leerlingen={k.roepnaam: k for k in (daan, noor, yara, lotte, sem, mila, jesse, julia)})
        for vuller in demo_vullers():
            vuller(ctx)

        if not quiet:
            self.stdout.write(self.style.SUCCESS("Demo-gegevens staan klaar (alles verzonnen)."))
            self.stdout.write(f"Wachtwoord voor alle demo-logins: {WACHTWOORD}")
            for email, _first, _last, rol, org in LOGINS:
                target = orgs.get(org) if org else None
                waar = str(target) if target else (org or "")
                self.stdout.write(f"  {Rol(rol).label:<40} {email:<30} {waar}")
            # The logins the apps' demo data add (a second teacher, the doctor, the klachtencommissie, the steunpunt).
            eigen = {e for e, *_ in LOGINS}
            for m in (Membership.objects.filter(user__email__endswith="@demo.nl").exclude(user__email__in=eigen)
                      .select_related("user", "school", "swv", "bestuur", "gemeente").order_by("user__email", "pk")):
                self.stdout.write(f"  {m.get_rol_display():<40} {m.user.email:<30} {m.organisatie}")
