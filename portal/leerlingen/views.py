from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.accounts.views import reauth_redirect
from portal.audit.models import AuditEntry
from portal.audit.services import audit_view
from portal.basis.params import id_param
from portal.zaken.pagina import eenmalig, knop, verwerk

from .forms import BeeindigForm, UitnodigingForm, VertegenwoordigingForm
from .models import GezagUitnodiging, Leerling
from .services import (
    GezagFout,
    gezag_accepteer,
    gezag_bevestig,
    gezag_uitnodig,
    inzage_ouder_zet,
    mag_vertegenwoordiging_vastleggen,
    vertegenwoordiging_leg_vast,
)
from .services import vertegenwoordiging_beeindig as vertegenwoordiging_beeindig_service


def get_leerling_for_user_or_404(user, pk) -> Leerling:
    """The one access helper for a pupil: 404 for anything the user may not see (no leak)."""
    return get_object_or_404(Leerling.objects.for_user(user), pk=pk)


@login_required
def lijst(request):
    """Pupils the user may see. Records nothing per row (only detail views are dossier views)."""
    qs = Leerling.objects.for_user(request.user).order_by("achternaam", "voornamen", "pk")
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "leerlingen/lijst.html", {"page": page})


@login_required
def detail(request, pk):
    from portal.zaken import hoorrecht

    leerling = get_leerling_for_user_or_404(request.user, pk)
    audit_view(actor=request.user, obj=leerling, leerling=leerling, omschrijving="Dossier geopend")
    meerderjarig = hoorrecht.is_meerderjarig(leerling)
    gezag = list(leerling.gezag.select_related("ouder"))
    is_ouder = any(g.ouder_id == request.user.pk for g in gezag)
    zelf = leerling.account_id == request.user.pk
    mag_vastleggen = mag_vertegenwoordiging_vastleggen(request.user, leerling)
    vertegenwoordigingen = list(leerling.vertegenwoordigingen.select_related("vertegenwoordiger").order_by("-van"))
    inzage = {i.ouder_id for i in leerling.inzage_ouders.filter(ingetrokken_op__isnull=True)}
    return render(request, "leerlingen/detail.html", {
        "leerling": leerling,
        "bsn": leerling.bsn_voor(request.user),
        "inschrijvingen": leerling.inschrijvingen.select_related("school"),
        "gezag": gezag,
        "is_ouder": is_ouder and not meerderjarig,
        "ouder_van_meerderjarige": is_ouder and meerderjarig,
        "meerderjarig": meerderjarig,
        "zelf": zelf,
        "wie_handelt": hoorrecht.wie_handelt(leerling) if meerderjarig else None,
        "wie_handelt_begeleiding": (hoorrecht.wie_handelt(leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING)
                                    if meerderjarig else None),
        "vertegenwoordigingen": vertegenwoordigingen if (mag_vastleggen or zelf or meerderjarig) else [],
        "mag_vastleggen": mag_vastleggen,
        "ouders_inzage": [(g.ouder, g.ouder_id in inzage) for g in gezag] if zelf and meerderjarig else [],
        "ik_lees_mee": request.user.pk in inzage,
    })


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def vertegenwoordiging_nieuw(request, pk):
    """School or SWV staff record a curator, mentor or bewindvoerder with the court's decision (issue #17 §1)."""
    leerling = get_leerling_for_user_or_404(request.user, pk)
    if not mag_vertegenwoordiging_vastleggen(request.user, leerling):
        raise Http404
    form = VertegenwoordigingForm(request.POST or None, request.FILES or None)
    klaar, _uit = verwerk(request, form, lambda d: vertegenwoordiging_leg_vast(
        leerling=leerling, door=request.user, soort=d["soort"], email=d["email"], voornaam=d["voornaam"],
        achternaam=d["achternaam"], van=d["van"], tot=d.get("tot"), uitspraak=d["uitspraak"], bewijs=d.get("bewijs")),
        _("De vertegenwoordiger van %(naam)s is vastgelegd en krijgt een e-mail om in te loggen.")
        % {"naam": leerling.naam}, fouten=(GezagFout,))
    if klaar:
        return redirect("leerlingen:detail", pk=leerling.pk)
    return render(request, "leerlingen/vertegenwoordiging.html", {"leerling": leerling, "form": form})


@login_required
@require_POST
def vertegenwoordiging_beeindig(request, pk, vpk):
    leerling = get_leerling_for_user_or_404(request.user, pk)
    if not mag_vertegenwoordiging_vastleggen(request.user, leerling):
        raise Http404
    v = get_object_or_404(leerling.vertegenwoordigingen, pk=vpk)
    form = BeeindigForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for _v, m in form.fouten_lijst()))
    else:
        knop(request, lambda: vertegenwoordiging_beeindig_service(vertegenwoordiging=v, door=request.user,
                                                                  tot=form.cleaned_data["tot"]),
             _("De vertegenwoordiging is beëindigd."), fouten=(GezagFout,))
    return redirect("leerlingen:detail", pk=leerling.pk)


@login_required
@require_POST
def inzage_ouder(request, pk):
    """The adult pupil lets a parent keep reading, or withdraws it, on their own page."""
    leerling = get_leerling_for_user_or_404(request.user, pk)
    if leerling.account_id != request.user.pk:
        raise Http404
    g = leerling.gezag.select_related("ouder").filter(ouder_id=id_param(request.POST, "ouder")).first()
    if g is None:
        messages.error(request, _("Kies een van je ouders."))
        return redirect("leerlingen:detail", pk=leerling.pk)
    toestaan = request.POST.get("toestaan") == "1"
    naam = g.ouder.get_full_name() or g.ouder.email
    knop(request, lambda: inzage_ouder_zet(leerling=leerling, door=request.user, ouder=g.ouder, toestaan=toestaan),
         (_("%(naam)s mag je zaken weer lezen.") if toestaan else _("%(naam)s kan je zaken niet meer lezen."))
         % {"naam": naam}, fouten=(GezagFout,))
    return redirect("leerlingen:detail", pk=leerling.pk)


@login_required
def inzage(request, pk):
    """Parents (and the pupil) see who viewed their child's dossier (issue #2 §6)."""
    leerling = get_leerling_for_user_or_404(request.user, pk)
    from portal.zaken.hoorrecht import relaties_gezin

    if not (relaties_gezin(request.user, leerling) & {"ouder", "leerling", "vertegenwoordiger"}):
        raise Http404
    qs = AuditEntry.objects.dossier_views_for(leerling).only("tijdstip", "actor_omschrijving", "actie", "systeem")
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "leerlingen/inzage.html", {"leerling": leerling, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def uitnodigen(request, pk):
    from portal.zaken.hoorrecht import is_meerderjarig

    leerling = get_leerling_for_user_or_404(request.user, pk)
    if not leerling.gezag.filter(ouder=request.user).exists() or is_meerderjarig(leerling):
        raise Http404
    form = UitnodigingForm(request.POST or None, leerling=leerling)
    klaar, _uit = verwerk(request, form, lambda d: gezag_uitnodig(leerling=leerling, door=request.user,
                                                                  email=d["email"], school=d["school"]),
                          "De uitnodiging is verstuurd. Na acceptatie bevestigt de school de koppeling.",
                          fouten=(GezagFout,))
    if klaar:
        return redirect("leerlingen:detail", pk=leerling.pk)
    return render(request, "leerlingen/uitnodigen.html", {"leerling": leerling, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def uitnodiging(request, token):
    if request.method == "POST":
        try:
            gezag_accepteer(token=token, user=request.user)
        except GezagFout as exc:
            return render(request, "leerlingen/uitnodiging.html", {"fout": str(exc)}, status=400)
        messages.success(request, "Dank u. De school bevestigt de koppeling; daarna ziet u de gegevens van uw kind.")
        return redirect("core:home")
    return render(request, "leerlingen/uitnodiging.html", {"token": token})


@login_required
@require_http_methods(["GET", "POST"])
def uitnodiging_bevestig(request, pk):
    """The school confirms the link of a second parent: it gives that person access to a child's
    dossier, so it asks for re-authentication first."""
    u = get_object_or_404(
        GezagUitnodiging.objects.filter(school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR))
        .select_related("leerling", "uitgenodigd_door", "geaccepteerd_door"), pk=pk
    )
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    if request.method == "GET":
        return render(request, "leerlingen/uitnodiging_bevestig.html", {"u": u})
    akkoord = request.POST.get("besluit") == "akkoord"
    namen = {"ouder": u.geaccepteerd_door.get_full_name() or u.geaccepteerd_door.email if u.geaccepteerd_door else "",
             "kind": u.leerling.naam}
    knop(request, lambda: gezag_bevestig(uitnodiging=u, door=request.user, akkoord=akkoord),
         (_("%(ouder)s is nu gekoppeld als ouder met gezag van %(kind)s en ziet de gegevens van %(kind)s.") if akkoord
          else _("U heeft de koppeling van %(ouder)s aan %(kind)s afgewezen. %(ouder)s ziet de gegevens van %(kind)s "
                 "niet.")) % namen, fouten=(GezagFout,))
    return redirect("core:home")
