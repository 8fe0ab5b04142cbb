"""Public information (no login): the school finder, the rights pages, the glossary and where to get help; and the
three checklists — public as blank lists and PDFs, filled in by parents, schools and SWVs after login (issue #13)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as django_render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.basis import publiek
from portal.basis.params import parse_id
from portal.leerlingen.models import Inschrijving, Leerling
from portal.organisaties.models import Samenwerkingsverband, School
from portal.zaken.pagina import eenmalig

from . import selectors
from .begrippen import BEGRIPPEN
from .checklists import ITEMS, groepen
from .constants import PER_PAGINA, ChecklistSoort
from .forms import ChecklistForm, SteunpuntForm, TerugkoppelingForm, ZoekForm
from .models import Checklist, SteunpuntContact
from .pdf import checklist_pdf
from .rechten import PAGINAS
from .rechten import PER_SLUG as RECHTEN
from .services import ChecklistFout, checklist_bewaar, steunpunt_bewaar


def render(request, template: str, context: dict):
    """``django.shortcuts.render`` plus the active language for ``<html lang>`` in base.html: the project's template
    settings do not add ``LANGUAGE_CODE`` yet, so an English page would say it is Dutch (WCAG 3.1.1)."""
    return django_render(request, template, {"LANGUAGE_CODE": get_language(), **context})


# --- public pages ------------------------------------------------------------------------------------------------


def home(request):
    """Public: the way in — find a school, know your rights, the checklists, where to get help."""
    return render(request, "informatie/home.html", {"paginas": PAGINAS, "soorten": ChecklistSoort.choices})


def zoeken(request):
    """Public: the school finder (DOMAIN §5 P1). Filters on the structured profile; a bad value is shown at its field
    with the results of the other filters left out (status 200, input kept). The same for every visitor: its content
    is kept per question, language and public version (issue #23 §3, ``portal.basis.publiek``)."""
    vraag = _zoekvraag(request.GET)
    deel = publiek.deel("zoeken", lambda: _zoeken_inhoud(vraag), vraag.urlencode())
    return render(request, "publiek/pagina.html", {"publiek": publiek.veilig(deel),
                                                   "fout_in_formulier": deel["fout"]})


def _zoekvraag(get) -> QueryDict:
    """The finder's question as the form and the pages read it: each known field (its last value, as the form
    takes it) and the page number, in a fixed order; anything else in the address is left out, so one question is
    one kept page however the address was written."""
    vraag = QueryDict(mutable=True)
    for naam in (*ZoekForm.base_fields, "pagina"):
        if naam in get:
            vraag[naam] = get[naam]
    return vraag


def _zoeken_inhoud(vraag: QueryDict) -> dict:
    """The finder's content for this question: every read of the database is here, after the public version was
    read (``publiek.deel``). The count and the page are SQL (COUNT, LIMIT/OFFSET): the cost does not grow with the
    number of schools."""
    form = ZoekForm(vraag or None)
    page = None
    if form.is_bound and form.is_valid():
        f = form.cleaned_data
        scholen = selectors.scholen_vind(tekst=f["tekst"], soort=f["soort"], swv=f["swv"],
                                         ondersteuning=f["ondersteuning"], specialisme=f["specialisme"],
                                         expertise=f["expertise"], rolstoel=f["rolstoel"], lift=f["lift"],
                                         gymzaal=f["gymzaal"])
        page = Paginator(scholen, PER_PAGINA).get_page(vraag.get("pagina"))
    elif not form.is_bound:
        page = Paginator(selectors.scholen_vind(), PER_PAGINA).get_page(vraag.get("pagina"))
    zonder_pagina = vraag.copy()
    zonder_pagina.pop("pagina", None)
    return publiek.maak("informatie/zoeken.html", {
        "form": form, "page": page, "query": zonder_pagina.urlencode(), "gefilterd": form.is_bound}) | {
        "fout": bool(form.errors)}


def school(request, pk):
    """Public: a school as the finder shows it — its support profile, its aanmeldprocedure and the SWV's
    basisondersteuning, with the plain statement that a gap in the profile is no ground for refusal (A-10, P1). A
    logged-in parent can start an aanmelding here: that box is this visitor's, the rest is kept for everyone (issue
    #23 §3)."""
    deel = publiek.deel("school", lambda: _school_inhoud(pk), pk)
    aanmelden_url = f"{reverse('aanmelding:nieuw')}?{urlencode({'school': pk})}"
    return render(request, "publiek/pagina.html", {
        "publiek": publiek.veilig(deel), "bezoeker": "informatie/_aanmelden.html", "aanmelden_url": aanmelden_url,
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': aanmelden_url})}",
        "is_ouder": request.user.is_authenticated and request.user.heeft_rol(Rol.OUDER)})


def _school_inhoud(pk) -> dict:
    """The school page's content: every read of the database after the public version was read."""
    s = get_object_or_404(School.objects.select_related("bestuur"), pk=pk)
    from portal.organisaties import wetgeving

    ctx = selectors.school_pagina(s) | {"school": s, "wet_zorgplicht": wetgeving.artikel(s, "zorgplicht"),
                                        "wet_aanmelding": wetgeving.artikel(s, "aanmelding")}
    return publiek.maak("informatie/school.html", ctx)


def recht(request, slug):
    """Public: one know-your-rights page (P10), plain Dutch, with "Wat zegt de wet?"."""
    pagina = RECHTEN.get(slug)
    if pagina is None:
        raise Http404
    ctx = {"pagina": pagina, "paginas": PAGINAS}
    if slug == "als-het-misgaat":
        ctx["steunpunten"] = selectors.steunpunten_voor(request.user)
    return render(request, pagina.template, ctx)


def begrippen(request):
    """Public: the glossary (P10)."""
    lijst = sorted(BEGRIPPEN, key=lambda b: str(b.woord).lower())
    return render(request, "informatie/begrippen.html", {"begrippen": lijst})


def hulp(request):
    """Public: where to get help — national organisations, and the ouder- en jeugdsteunpunt of the parent's own SWV
    when we know which SWV that is (DOMAIN §3)."""
    return render(request, "informatie/hulp.html", {
        "steunpunten": selectors.steunpunten_voor(request.user),
        "eigen_swv_ids": _eigen_swv_ids(request.user) if request.user.is_authenticated else set()})


def checklists(request):
    """Public: what the three checklists are; after login, the ones this user can fill in."""
    return render(request, "informatie/checklists.html", {
        "soorten": [(code, label, len(ITEMS[code])) for code, label in ChecklistSoort.choices],
        "mijn": selectors.mijn_checklists(request.user)})


def _soort_or_404(soort: str) -> str:
    if soort not in ChecklistSoort.values:
        raise Http404
    return soort


def checklist_leeg(request, soort):
    """Public: a checklist's items, grouped, each linked to the page that explains it — to read or print."""
    soort = _soort_or_404(soort)
    return render(request, "informatie/checklist_leeg.html", {
        "soort": soort, "titel": ChecklistSoort(soort).label, "groepen": groepen(soort)})


def checklist_leeg_pdf(request, soort):
    """Public: the blank checklist as a PDF with empty tick boxes, in the language the user chose."""
    soort = _soort_or_404(soort)
    inhoud = checklist_pdf(soort=soort, taal=get_language())
    return _pdf(inhoud, f"checklist-{soort}.pdf")


def _pdf(inhoud: bytes, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


# --- filling in: one page per subject ----------------------------------------------------------------------------

def _invullen(request, *, checklist: Checklist, titel: str, terug_kinderen=None):
    """Show the checklist with the latest answers; a POST saves a new version. A refused form comes back with status
    200, the input kept and the error at the field."""
    versie = selectors.laatste_versie(checklist) if checklist.pk else None
    initial = ChecklistForm.initial_van(versie)
    kwargs = {"soort": checklist.soort, "initial": initial}
    if checklist.terugkoppeling:
        form_class = TerugkoppelingForm
        kwargs["kinderen"] = terug_kinderen
        initial |= {"naam_tonen": checklist.naam_tonen, "kind": checklist.leerling_id}
    else:
        form_class = ChecklistForm
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            opgeslagen = checklist_bewaar(checklist=checklist, door=request.user, antwoorden=form.antwoorden(),
                                          naam_tonen=form.cleaned_data.get("naam_tonen", False),
                                          kind=form.cleaned_data.get("kind"))
        except ChecklistFout as exc:
            form.add_error(None, str(exc))
        else:
            if opgeslagen is None:
                messages.info(request, _("Er was niets veranderd. De checklist is niet opnieuw opgeslagen."))
            else:
                messages.success(request, _("De checklist is opgeslagen als versie %(n)s. Eerdere versies blijven "
                                            "bewaard.") % {"n": opgeslagen.nummer})
            return redirect(request.path)
    if checklist.pk and checklist.leerling_id and request.method == "GET":
        audit_view(actor=request.user, obj=checklist, leerling=checklist.leerling)
    eerder = {a.item: a for a in versie.antwoorden.all()} if versie else {}
    rijen = []
    for code, label, items in groepen(checklist.soort):
        rijen.append((code, label, [{"item": i, "antwoord": form[f"{i.code}__antwoord"],
                                     "notitie": form[f"{i.code}__notitie"], "eerder": eerder.get(i.code)}
                                    for i in items]))
    return render(request, "informatie/checklist_invullen.html", {
        "form": form, "checklist": checklist, "versie": versie, "groepen": rijen, "titel": titel,
        "fout_in_formulier": bool(form.errors)})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def checklist_kind(request, leerling):
    """A parent's checklist for their own child (P9). Only parents with gezag: anyone else gets 404."""
    kind = get_object_or_404(Leerling.objects.filter(gezag__ouder=request.user), pk=leerling)
    checklist = (Checklist.objects.filter(soort=ChecklistSoort.KIND, leerling=kind).first()
                 or Checklist(soort=ChecklistSoort.KIND, leerling=kind))
    return _invullen(request, checklist=checklist,
                     titel=_("Checklist voor %(kind)s") % {"kind": kind.naam})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def checklist_school(request, school):
    """The school's own self-assessment, by its IB'er or directeur."""
    s = get_object_or_404(School.objects.filter(pk__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=school)
    checklist = (Checklist.objects.filter(soort=ChecklistSoort.SCHOOL, school=s, terugkoppeling=False).first()
                 or Checklist(soort=ChecklistSoort.SCHOOL, school=s))
    return _invullen(request, checklist=checklist, titel=_("Zelfevaluatie van %(school)s") % {"school": s.naam})


def _eigen_swv_ids(user) -> set[int]:
    return {m.swv_id for m in user.lidmaatschappen if m.rol == Rol.SWV and m.swv_id}


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def checklist_swv(request, swv):
    """The SWV's own self-assessment, by its staff."""
    s = get_object_or_404(Samenwerkingsverband.objects.filter(pk__in=_eigen_swv_ids(request.user)), pk=swv)
    checklist = (Checklist.objects.filter(soort=ChecklistSoort.SWV, swv=s).first()
                 or Checklist(soort=ChecklistSoort.SWV, swv=s))
    return _invullen(request, checklist=checklist, titel=_("Zelfevaluatie van %(swv)s") % {"swv": s.naam})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def terugkoppeling(request, school):
    """A parent's feedback on the school's checklist, for a school where one of their children is enrolled. Seen only
    by that school's IB'er and directeur; the parent's and child's names only when the parent chooses."""
    vandaag = timezone.localdate()
    inschrijvingen = Inschrijving.objects.filter(leerling__gezag__ouder=request.user, school_id=school).exclude(
        tot__lt=vandaag)
    s = get_object_or_404(School.objects.filter(pk__in=inschrijvingen.values("school_id")), pk=school)
    kinderen = Leerling.objects.filter(pk__in=inschrijvingen.values("leerling_id")).order_by("geboortedatum")
    checklist = (Checklist.objects.filter(terugkoppeling=True, school=s, ouder=request.user).first()
                 or Checklist(soort=ChecklistSoort.SCHOOL, school=s, terugkoppeling=True, ouder=request.user))
    return _invullen(request, checklist=checklist, terug_kinderen=kinderen,
                     titel=_("Uw terugkoppeling aan %(school)s") % {"school": s.naam})


# --- reading a checklist and its versions, the PDF ---------------------------------------------------------------

def _checklist_or_404(user, pk) -> Checklist:
    return get_object_or_404(Checklist.objects.for_user(user).select_related("leerling", "school", "swv", "ouder"),
                             pk=pk)


def _versie_of_404(request, checklist, antwoorden: bool = True):
    waarde = request.GET.get("versie", "")
    qs = checklist.versies.select_related("door")
    if antwoorden:
        qs = qs.prefetch_related("antwoorden")
    if waarde:
        nummer = parse_id(waarde) if len(waarde) < 7 else None
        if nummer is None:
            raise Http404
        return get_object_or_404(qs, nummer=nummer)
    versie = qs.first()
    if versie is None:
        raise Http404
    return versie


def _titel(checklist: Checklist, user) -> str:
    if checklist.terugkoppeling:
        if checklist.ouder_id == user.pk or checklist.naam_tonen:
            wie = checklist.ouder.get_full_name() or checklist.ouder.email
            if checklist.naam_tonen and checklist.leerling_id:
                wie = _("%(ouder)s, ouder van %(kind)s") % {"ouder": wie, "kind": checklist.leerling.naam}
        else:
            wie = _("een ouder")
        return _("Terugkoppeling van %(wie)s aan %(school)s") % {"wie": wie, "school": checklist.school.naam}
    if checklist.soort == ChecklistSoort.KIND:
        return _("Checklist voor %(kind)s") % {"kind": checklist.leerling.naam}
    return _("Zelfevaluatie van %(naam)s") % {"naam": (checklist.school or checklist.swv).naam}


def _bewerk_url(checklist: Checklist, user) -> str | None:
    if checklist.terugkoppeling:
        return reverse("informatie:terugkoppeling", args=[checklist.school_id]) if checklist.ouder_id == user.pk \
            else None
    if checklist.soort == ChecklistSoort.KIND:
        return reverse("informatie:checklist_kind", args=[checklist.leerling_id])
    if checklist.soort == ChecklistSoort.SCHOOL:
        return reverse("informatie:checklist_school", args=[checklist.school_id])
    return reverse("informatie:checklist_swv", args=[checklist.swv_id])


def _toon_naam(checklist: Checklist, user) -> bool:
    return not checklist.terugkoppeling or checklist.ouder_id == user.pk or checklist.naam_tonen


@login_required
def checklist(request, pk):
    """A checklist with all its versions; ``?versie=n`` shows an earlier one, read-only, with what changed since
    the version before. The school reads a parent's feedback here (audited).

    The page below the menu is kept in the cache (issue #23 §1) per reader, language, day and path, under the
    versions of what it shows: the pupil's (a checklist for a child and its versions and answers), ``alles`` (a
    school's or SWV's own checklist and a parent's feedback belong to no pupil), the organisations and the author of
    the version shown (their name). A new version or answer moves one of them: rendered afresh then."""
    from portal.basis.versie import deel
    from portal.basis.versie import versie as versie_van

    c = _checklist_or_404(request.user, pk)
    versie = _versie_of_404(request, c, antwoorden=False)
    audit_view(actor=request.user, obj=versie, leerling=c.leerling)
    sleutels = ["alles", f"leerling:{c.leerling_id}" if c.leerling_id else "",
                f"org:school:{c.school_id}" if c.school_id else "", f"org:swv:{c.swv_id}" if c.swv_id else "",
                f"user:{versie.door_id}" if versie.door_id else ""]
    sleutel = (f"{c.pk}|{request.user.pk}|{get_language()}|{timezone.localdate().isoformat()}|"
               f"{request.get_full_path()}|{versie_van(*[k for k in sleutels if k])}")
    titel = _titel(c, request.user)
    inhoud = deel("checklist", sleutel, lambda: render_to_string("informatie/_checklist_inhoud.html", _checklist_context(
        request, c, versie, titel)))
    return render(request, "informatie/checklist.html", {"titel": titel, "inhoud": mark_safe(inhoud)})  # noqa: S308


def _checklist_context(request, c, versie, titel) -> dict:
    versies = list(c.versies.select_related("door").only("pk", "checklist_id", "nummer", "opgeslagen_op",
                                                          "door__first_name", "door__last_name", "door__email"))
    vorige = c.versies.filter(nummer__lt=versie.nummer).prefetch_related("antwoorden").first()
    eerder = {a.item: a for a in vorige.antwoorden.all()} if vorige else {}
    antwoorden = {a.item: a for a in versie.antwoorden.all()}
    rijen = []
    for code, label, items in groepen(c.soort):
        rijen.append((code, label, [{"item": i, "a": antwoorden.get(i.code), "veranderd": vorige is not None and (
            (antwoorden[i.code].antwoord, antwoorden[i.code].notitie) != (eerder[i.code].antwoord, eerder[i.code].notitie)
            if i.code in antwoorden and i.code in eerder else False)} for i in items]))
    return {"c": c, "versie": versie, "versies": versies, "groepen": rijen, "titel": titel,
            "bewerk_url": _bewerk_url(c, request.user), "is_laatste": versie.pk == versies[0].pk,
            "toon_naam": _toon_naam(c, request.user), "LANGUAGE_CODE": get_language()}


@login_required
def checklist_download(request, pk):
    """The checklist (latest or ``?versie=n``) as a PDF to take to a meeting, in the user's language (P9)."""
    c = _checklist_or_404(request.user, pk)
    versie = _versie_of_404(request, c)
    audit_view(actor=request.user, obj=versie, leerling=c.leerling, download=True)
    inhoud = checklist_pdf(soort=c.soort, checklist=c, versie=versie, titel=_titel(c, request.user),
                           taal=get_language())
    return _pdf(inhoud, f"checklist-{c.soort}-versie-{versie.nummer}.pdf")


@login_required
def terugkoppelingen(request):
    """The IB'er's and directeur's list of parents' feedback on their school's checklist — never public."""
    if not request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    rijen = [(c, _titel(c, request.user)) for c in selectors.terugkoppelingen(request.user)]
    return render(request, "informatie/terugkoppelingen.html", {"rijen": rijen})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def steunpunt(request, swv):
    """SWV staff keep the contact of their ouder- en jeugdsteunpunt current; parents see it on the help pages."""
    s = get_object_or_404(Samenwerkingsverband.objects.filter(pk__in=_eigen_swv_ids(request.user)), pk=swv)
    contact = SteunpuntContact.objects.filter(swv=s).first()
    initial = {v: getattr(contact, v) for v in ("naam", "telefoon", "email", "website", "bereikbaar")} if contact \
        else {"naam": _("Ouder- en jeugdsteunpunt %(swv)s") % {"swv": s.naam}}
    form = SteunpuntForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        steunpunt_bewaar(swv=s, door=request.user, **form.cleaned_data)
        messages.success(request, _("Het contact van het steunpunt is bijgewerkt."))
        return redirect("informatie:hulp")
    return render(request, "informatie/steunpunt.html", {"form": form, "swv": s})

