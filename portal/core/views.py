from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.accounts.constants import Rol
from portal.leerlingen.models import GezagUitnodiging, Leerling, UitnodigingStatus
from portal.organisaties.models import School
from portal.termijnen.models import Clock, SweepRun

from .health import check_broker, check_cache, check_database, check_wachtrij


@never_cache
def health(request):
    """Each part and whether it answers (issue #3 §6, issue #19 §3): the database (required: 503 without it), the
    cache, the broker, the deadline worker's heartbeat (the last successful sweep) and the work waiting for the worker.
    JSON for probes and monitoring; a readable page for a browser (Accept: text/html)."""
    db_ok, db = check_database()
    cache_ok, cache = check_cache()
    broker_ok, broker = check_broker()
    run = SweepRun.objects.filter(naam="termijnen").first() if db_ok else None
    achterstallig = run is None or run.is_stale()
    wachtrij = check_wachtrij() if db_ok else {"ok": False}
    delen = {
        "database": {"ok": db_ok, "soort": db, "vereist": True},
        "cache": {"ok": cache_ok, "soort": cache, "vereist": False},
        "broker": {"ok": broker_ok, "soort": broker, "vereist": False},
        "termijnbewaker": {
            "ok": db_ok and not achterstallig,
            "laatst_geslaagd_op": run.laatst_geslaagd_op.isoformat() if run and run.laatst_geslaagd_op else None,
            "achterstallig": achterstallig,
        },
        "wachtrij": wachtrij,
    }
    status = "fout" if not db_ok else ("ok" if all(d["ok"] for d in delen.values()) else "beperkt")
    body = {"status": status, **delen}
    code = 503 if not db_ok else 200
    if request.get_preferred_type(["application/json", "text/html"]) == "text/html":
        # without the request: no context processor, no session, no query — the page works with the database down
        return HttpResponse(render_to_string("core/health.html", {"status": status, "delen": delen}), status=code)
    return JsonResponse(body, status=code)


def _deel_gezin(request, naam: str, context) -> str:
    """A start page of the family (parent, representative, pupil) below the menu, kept in the cache (issue #23 §1)
    under the versions of the account, of every pupil of the family and of ``alles`` (holidays, organisations), the
    language and today's date ("nog 2 dagen", an 18th birthday). Any change a reader could see moves one of these
    versions: rendered fresh then."""
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    from portal.basis.versie import deel, versie
    from portal.zaken.toegang import gezin_ids

    user = request.user
    tokens = versie(f"user:{user.pk}", "alles", *(f"leerling:{i}" for i in gezin_ids(user)))
    sleutel = f"{user.pk}|{get_language()}|{timezone.localdate().isoformat()}|{tokens}"
    return mark_safe(deel(naam, sleutel, lambda: render_to_string(
        f"core/{naam}_inhoud.html", context(request) | {"user": user})))


def _home_leerling(request):
    from portal.zaken.hoorrecht import heeft_hoorrecht_account, is_meerderjarig
    from portal.zaken.tracker import lopende_zaken, open_verzoeken_ouder

    ctx = {"leerling": (leerling := getattr(request.user, "leerling", None))}
    # below 12 the pupil has no OPP pages of their own (DOMAIN §2): no link that leads nowhere (issue #22)
    ctx["twaalf_plus"] = leerling is not None and heeft_hoorrecht_account(leerling)
    if leerling is not None and is_meerderjarig(leerling):  # the adult pupil is the party (issue #17 §1)
        ctx |= {"meerderjarig": True, "zaken": _met_relatie(request.user, lopende_zaken(request.user, [leerling])),
                "verzoeken": open_verzoeken_ouder(request.user)}
    return ctx


def _home_ouder(request):
    """Children, their running cases with the tracker step, and what the parents are asked to do."""
    from portal.zaken import hoorrecht
    from portal.zaken.tracker import lopende_zaken, open_verzoeken_ouder

    # the parents' minor children, an adult child who lets them read, the pupils a curator or mentor represents
    kinderen = list(hoorrecht.leerlingen_gezin(request.user).prefetch_related("vertegenwoordigingen")
                    .order_by("geboortedatum"))
    for kind in kinderen:
        kind.mag_lezen = True
    # an adult child who does not let the parent read is still named, with what that means (no link, no cases)
    for kind in (Leerling.objects.filter(gezag__ouder=request.user).exclude(pk__in=[k.pk for k in kinderen])
                 .prefetch_related("vertegenwoordigingen").order_by("geboortedatum")):
        kind.mag_lezen = False
        kinderen.append(kind)
    for kind in kinderen:  # who decides now, said in plain words beside an adult child (issue #17 §1)
        kind.beslist = hoorrecht.wie_handelt(kind, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING) \
            if hoorrecht.is_meerderjarig(kind) else None
    # an invitation as second parent that this parent accepted: the school must still confirm it, or refused it —
    # said on the start page with who acts, not only "no children yet" (issue #22 §2 item 5)
    wachtend = list(GezagUitnodiging.objects.filter(
        geaccepteerd_door=request.user, status__in=[UitnodigingStatus.GEACCEPTEERD, UitnodigingStatus.AFGEWEZEN])
        .select_related("school", "uitgenodigd_door").order_by("-bijgewerkt_op")[:10])
    return {"kinderen": kinderen, "zaken": _met_relatie(request.user, lopende_zaken(
                request.user, [k for k in kinderen if k.mag_lezen])),
            "verzoeken": open_verzoeken_ouder(request.user), "koppelingen": wachtend}


def _met_relatie(user, zaken):
    """(zaak, stap, rel) for the family's start page: ``rel`` says whether the reader acts for the pupil in that case's
    matter (the tracker line's "U" and its sentences for the family), read with two queries for all cases."""
    from portal.zaken import hoorrecht

    handelt = {o: set(hoorrecht.leerlingen_waarvoor(user, onderwerp=o).values_list("pk", flat=True))
               for o in hoorrecht.ONDERWERPEN}
    return [(zaak, stap, frozenset({"ouder"} if zaak.leerling_id in handelt[zaak.type.onderwerp] else {"ouder_inzage"}))
            for zaak, stap in zaken]


def _taken(request):
    from portal.zaken.tracker import taken

    return {"taken": taken(request.user)}


def _leerlingen_aantal(user) -> int:
    """How many pupils the IB'er or directeur sees, counted once per version of their schools and account and per day
    (issue #23 §1): an enrolment, a case at the school or a family link moves one of them."""
    from django.core.cache import cache

    from portal.basis.versie import aan, versie

    if not aan():
        return Leerling.objects.for_user(user).count()
    tokens = versie(f"user:{user.pk}", *(f"org:school:{i}" for i in sorted(user.school_ids())))
    sleutel = f"leerlingen_aantal:{user.pk}:{timezone.localdate().isoformat()}:{tokens}"
    aantal = cache.get(sleutel)
    if aantal is None:
        aantal = Leerling.objects.for_user(user).count()
        cache.set(sleutel, aantal, 24 * 3600)
    return aantal


def _home_school(request):
    school_ids = request.user.school_ids()
    scholen = list(School.objects.filter(pk__in=school_ids).select_related("bestuur"))
    vandaag = timezone.localdate()
    klokken = Clock.objects.select_related("school").eerstvolgende(request.user, 5)
    prefetch_related_objects(klokken, "opschortingen")
    leerlingen_aantal = _leerlingen_aantal(request.user) if request.user.heeft_rol(Rol.IB, Rol.DIRECTEUR) else 0
    uitnodigingen = list(
        GezagUitnodiging.objects.filter(school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR),
                                        status=UitnodigingStatus.GEACCEPTEERD).select_related("leerling")
    )
    return {"scholen": scholen, "klokken": klokken, "vandaag": vandaag, "leerlingen_aantal": leerlingen_aantal,
            "uitnodigingen": uitnodigingen} | _taken(request)


def _home_swv(request):
    """The SWV sees counts per member school, not the cases (issue #3 §4). Statutory terms only: a rule the portal
    keeps as policy (``Regel.wettelijk=False``, e.g. B-2b) stays out of these figures (issue #17)."""
    from portal.monitoring.selectors import scholen_met_termijnen

    scholen = scholen_met_termijnen(request.user.swv_ids(), timezone.localdate())
    return {"scholen": scholen} | _taken(request)


@login_required
def home(request):
    rol = request.user.hoofdrol or (Rol.BEHEERDER if request.user.is_superuser else None)
    ctx = {"rol": rol}
    if rol in (Rol.OUDER, Rol.VERTEGENWOORDIGER):
        ctx["inhoud"] = _deel_gezin(request, "home_ouder", _home_ouder)
    elif rol in (Rol.IB, Rol.DIRECTEUR, Rol.LEERKRACHT):
        ctx |= _home_school(request)
    elif rol == Rol.SWV:
        ctx |= _home_swv(request)
    elif rol == Rol.BESTUURDER:
        ctx |= _taken(request)
    elif rol == Rol.LEERLING:
        ctx["inhoud"] = _deel_gezin(request, "home_leerling", _home_leerling)
    elif rol == Rol.BEHEERDER:
        from portal.basis.registry import Registry

        run = SweepRun.objects.filter(naam="termijnen").first()
        ctx["sweep"] = run
        ctx["registers"] = Registry.alle()
        ctx |= _taken(request)  # e.g. notifications to a subscribed system that failed (issue #21 §4)
    else:
        ctx |= _taken(request)
    template = {
        Rol.OUDER: "home_ouder", Rol.VERTEGENWOORDIGER: "home_ouder", Rol.IB: "home_school", Rol.DIRECTEUR: "home_school", Rol.LEERKRACHT: "home_school",
        Rol.SWV: "home_swv", Rol.LEERLING: "home_leerling", Rol.BEHEERDER: "home_beheerder",
        Rol.BESTUURDER: "home_bestuurder",
    }.get(rol, "home_overig")
    return render(request, f"core/{template}.html", ctx)


def privacy(request):
    return render(request, "core/privacy.html", {"DEMO": settings.DEMO})


@require_POST
def taal(request):
    """The language switch (issue #8, #13): the user's choice, remembered — in the account when logged in,
    in a cookie otherwise — never the browser's guess."""
    from django.utils.http import url_has_allowed_host_and_scheme

    keuze = request.POST.get("taal", "")
    talen = {code for code, _naam in settings.LANGUAGES}
    terug = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        terug = "/"
    response = redirect(terug)
    if keuze in talen:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, keuze, max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure(), httponly=True)
        # an account's language is nl or en; Arabic is for the public pages only (issue #22 §1)
        if request.user.is_authenticated and request.user.taal != keuze and keuze not in settings.TALEN_ALLEEN_OPENBAAR:
            request.user.taal = keuze
            request.user.save(update_fields=["taal"])
    return response


def kaal(request):
    """The load benchmark's baseline (``PORTAL_BENCH=1`` only): a 20-row template, no database."""
    return render(request, "core/kaal.html", {"rijen": [(i, f"Rij {i}") for i in range(20)]})
