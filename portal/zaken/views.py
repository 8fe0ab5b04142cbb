from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.accounts.views import reauth_redirect
from portal.audit.services import audit_view
from portal.leerlingen.models import Toestemming, ToestemmingKeuze
from portal.leerlingen.views import get_leerling_for_user_or_404
from portal.organisaties.models import Mandaat

from . import services as s
from .forms import AntwoordForm, OndertekenForm
from .gebeurtenissen import tekst as gebeurtenis_tekst
from .models import Besluit, Gebeurtenis, Verzoek, Zaak
from .pagina import eenmalig, knop, verwerk
from .preview import brief_voorbeeld_pdf


def get_zaak_for_user_or_404(user, pk, queryset=None) -> Zaak:
    """The one access helper for a case: 404 for anything the user may not see."""
    qs = queryset if queryset is not None else Zaak.objects.all()
    return get_object_or_404(qs.for_user(user), pk=pk)


def _verzoek_or_404(user, pk) -> Verzoek:
    verzoek = get_object_or_404(Verzoek.objects.select_related("zaak", "zaak__leerling", "zaak__school"), pk=pk)
    zaak = get_zaak_for_user_or_404(user, verzoek.zaak_id)
    wie = s.relaties(user, zaak)
    if (verzoek.aan == "ouders" and "ouder" not in wie) or (verzoek.aan == "school" and "school" not in wie):
        raise Http404
    return verzoek


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def verzoek_antwoord(request, pk):
    """Answer an information request (parents) or a request to supplement (the applying school)."""
    verzoek = _verzoek_or_404(request.user, pk)
    zaak = verzoek.zaak.specifiek
    if verzoek.soort == "toestemming":
        return redirect("zaken:toestemmingen")
    form = AntwoordForm(request.POST or None, request.FILES or None)
    klaar, _uit = verwerk(request, form, lambda d: s.verzoek_beantwoord(verzoek=verzoek, door=request.user,
                                                                        antwoord=d["antwoord"], bestand=d.get("bestand")),
                          _("Dank u. Uw antwoord is ontvangen. De termijn loopt weer."))
    if klaar:
        return redirect(zaak.get_absolute_url("ouder" if verzoek.aan == "ouders" else "staf"))
    audit_view(actor=request.user, obj=verzoek, leerling=zaak.leerling, omschrijving="Verzoek geopend")
    return render(request, "zaken/verzoek_antwoord.html", {"verzoek": verzoek, "zaak": zaak, "form": form})


def _eigen_toestemmingen(user):
    return Toestemming.objects.filter(leerling__in=_eigen_leerlingen(user)).select_related("leerling").prefetch_related(
        "antwoorden", "antwoorden__door")


def _eigen_leerlingen(user):
    from django.db.models import Q

    from portal.leerlingen.models import Leerling
    from portal.zaken.hoorrecht import gezin_leerling_q

    # the family's pupils (a minor's parents, the adult pupil, their curator or mentor, a parent the adult allows)
    # and the pupil's own record at any age (issue #17 §1)
    return Leerling.objects.filter(gezin_leerling_q(user, veld="pk") | Q(account=user))


@login_required
def toestemmingen(request):
    """P4: every consent asked for the user's children (or, for a pupil, themselves): grant, refuse, withdraw."""
    from portal.zaken.hoorrecht import ONDERWERP_BEGELEIDING, handelt_voor, is_meerderjarig, wie_handelt

    if not request.user.heeft_rol("ouder", "leerling", "vertegenwoordiger"):
        raise Http404
    vandaag = timezone.localdate()
    rijen = []
    for t in _eigen_toestemmingen(request.user):
        if is_meerderjarig(t.leerling, vandaag):  # the adult pupil or their curator/mentor answers (issue #17 §1)
            mag_zelf = handelt_voor(request.user, t.leerling, onderwerp=ONDERWERP_BEGELEIDING, op=vandaag)
            wie = wie_handelt(t.leerling, onderwerp=ONDERWERP_BEGELEIDING, op=vandaag).label
            partij = "leerling" if mag_zelf or t.leerling.account_id == request.user.pk else "ouder"
        else:
            mag_zelf, wie = True, None
            partij = "leerling" if t.leerling.account_id == request.user.pk else "ouder"
        laatste = t.laatste_per_partij().get(partij)
        rijen.append({"t": t, "status": t.status_label(vandaag), "partij": partij, "wie": wie,
                      "mag": mag_zelf and partij in t.partijen(vandaag), "mijn_keuze": laatste.keuze if laatste else None,
                      "antwoorden": sorted(t.antwoorden.all(), key=lambda a: (a.op, a.pk))})
    return render(request, "zaken/toestemmingen.html", {"rijen": rijen, "keuzes": ToestemmingKeuze})


@login_required
@require_POST
def toestemming_keuze(request, pk):
    t = get_object_or_404(_eigen_toestemmingen(request.user).distinct(), pk=pk)
    knop(request, lambda: s.toestemming_beslis(toestemming=t, door=request.user, keuze=request.POST.get("keuze", "")),
         _("Uw keuze is vastgelegd. Een gegeven toestemming kunt u later intrekken."))
    return redirect("zaken:toestemmingen")


def _te_tekenen_or_404(user, pk) -> Besluit:
    besluit = get_object_or_404(Besluit.objects.te_ondertekenen().select_related(
        "zaak", "zaak__school", "zaak__school__bestuur", "zaak__swv", "zaak__leerling"), pk=pk)
    if not Mandaat.objects.mag_tekenen(user, besluit.zaak, besluit.besluittype):
        raise Http404
    return besluit


@login_required
@require_http_methods(["GET", "POST"])
def ondertekenen(request, pk):
    """Sign a prepared decision under a current mandate, after re-authentication, with a preview of the
    letter; when not every parent receives letters online, the day of posting is entered first. Someone who may sign
    and finds it signed already (two signers at once, issue #19) is told who signed, instead of a 404."""
    getekend = Besluit.objects.filter(pk=pk, ondertekend_op__isnull=False).select_related(
        "zaak", "ondertekend_door").first()
    if getekend is not None and Mandaat.objects.mag_tekenen(request.user, getekend.zaak, getekend.besluittype):
        messages.info(request, _("Dit besluit is al ondertekend door %(wie)s op %(wanneer)s. U hoeft niets meer te doen.")
                      % {"wie": getekend.ondertekend_door.get_full_name() if getekend.ondertekend_door else _("een ander"),
                         "wanneer": date_format(timezone.localtime(getekend.ondertekend_op), "j F Y H:i")})
        return redirect(getekend.zaak.specifiek.get_absolute_url())
    besluit = _te_tekenen_or_404(request.user, pk)
    if request.GET.get("voorbeeld") == "pdf":
        audit_view(actor=request.user, obj=besluit, leerling=besluit.zaak.leerling, download=True,
                   omschrijving="Voorbeeld van de besluitbrief")
        return HttpResponse(brief_voorbeeld_pdf(besluit), content_type="application/pdf")
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    zaak = besluit.zaak.specifiek
    digitaal = s.bekendmaking_digitaal_mogelijk(zaak)
    form = None if digitaal else OndertekenForm(request.POST or None, initial={"verzonden_op": timezone.localdate()})
    if request.method == "POST" and (form is None or form.is_valid()):
        d = form.cleaned_data if form else {}
        try:
            s.besluit_onderteken(besluit=besluit, door=request.user, bekendmaking=d.get("bekendmaking", ""),
                                 verzonden_op=d.get("verzonden_op"))
        except s.ZaakFout as exc:
            if form is None:
                messages.error(request, str(exc))
                return redirect("zaken:ondertekenen", pk=besluit.pk)
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het besluit is ondertekend. De brief wordt gemaakt en staat binnen enkele "
                                        "seconden klaar."))
            return redirect(zaak.get_absolute_url())
    audit_view(actor=request.user, obj=besluit, leerling=zaak.leerling, omschrijving="Besluit ter ondertekening geopend")
    return render(request, "zaken/ondertekenen.html", {
        "besluit": besluit, "zaak": zaak, "form": form, "digitaal": digitaal,
        "samenvatting": besluit.type.samenvatting or None})


@login_required
def leerplicht(request):
    """The leerplicht officer's list: the reports about pupils living in their municipality (A-15)."""
    from .models import LeerplichtMelding

    gemeenten = request.user.gemeente_ids()
    if not gemeenten:
        raise Http404
    from django.core.paginator import Paginator

    qs = (LeerplichtMelding.objects.filter(gemeente_id__in=gemeenten)
          .select_related("inschrijving__leerling", "inschrijving__school", "gemeente").order_by("-aangemaakt_op"))
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    for m in page:
        audit_view(actor=request.user, obj=m, leerling=m.inschrijving.leerling, omschrijving="Leerplichtmelding gezien")
    return render(request, "zaken/leerplicht.html", {"page": page})


@login_required
@require_POST
@eenmalig
def leerplicht_gemeld(request, pk):
    """The school records that it reported to leerplicht itself (vo through DUO, or by letter)."""
    from .leerplicht import leerplicht_gemeld as gemeld
    from .models import LeerplichtMelding

    m = get_object_or_404(LeerplichtMelding.objects.select_related("zaak", "inschrijving"), pk=pk,
                          inschrijving__school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR))
    knop(request, lambda: gemeld(melding=m, door=request.user, via=request.POST.get("via", "")),
         _("Vastgelegd dat de melding aan leerplicht is gedaan."))
    return redirect(m.zaak.specifiek.get_absolute_url())


@login_required
def tijdlijn(request, pk):
    """One pupil's whole timeline across every case the user may see (parents: what is meant for them)."""
    leerling = get_leerling_for_user_or_404(request.user, pk)
    zaken = Zaak.objects.for_user(request.user).filter(leerling=leerling)
    from portal.zaken.hoorrecht import relaties_gezin

    is_ouder = bool(relaties_gezin(request.user, leerling)
                    & {"ouder", "leerling", "meerderjarige", "vertegenwoordiger", "ouder_inzage"})
    qs = Gebeurtenis.objects.filter(zaak__in=zaken).select_related("zaak", "door").order_by("-op", "-pk")
    if is_ouder:
        qs = qs.filter(voor_ouders=True)
    regels = [(g, gebeurtenis_tekst(g, voor_ouders=is_ouder)) for g in qs[:500]]
    audit_view(actor=request.user, obj=leerling, leerling=leerling, omschrijving="Tijdlijn bekeken")
    return render(request, "zaken/tijdlijn.html", {"leerling": leerling, "regels": regels, "is_ouder": is_ouder})
