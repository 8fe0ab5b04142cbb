"""The case-page kit (issue #18): what every app's case pages are made of, written once.

* ``zaak_of_404(user, Model, pk)`` — the case, if the kind's access rule lets the user see it, and the user's
  relations to it (``relaties``); 404 for anyone else, never a hint that it exists.
* ``Actie`` / ``actie_view`` — a POST action on a case page is a declaration: its form, the relations that may use it
  (or a check), the service call, the message afterwards and where to go. A refused form goes back to the case page
  with status 200, the input kept and the error at the field the service names (``ZaakFout.veld``).
* the tracker include ``templates/zaken/_stap.html`` renders a kind's ``Stap`` for the reader's relation: "U" only to
  whoever holds the turn; everyone else reads who does.

* ``eenmalig`` — a create-POST sent twice (back-and-resubmit, a double click, two parallel requests) creates one
  object (issue #19, defect 4): every POST form carries a fresh token (``{% formulier_token %}``); the view's work and
  the claim of the token (a row of ``Inzending``, unique per user and token) are one transaction, so the database lets
  one of two equal submits through. The other goes to the first one's result with a calm message. ``actie_view``
  applies it to every case action; every create view is decorated with it.

A new case kind's pages are: its status table and access rule (``zaken.py``), its actions declared (a dict of
``Actie``), and its templates.

The relations, one meaning each (``portal.zaken.services.relaties`` computes them):
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal.basis.forms import ADRES_TOKEN, TOKEN_VELD, lees_token

from . import hoorrecht
from .models import Inzending
from .services import ZaakFout, relaties

log = logging.getLogger(__name__)
AL_VERSTUURD = _("Dit formulier was al verstuurd; hier is het resultaat.")

RELATIES = {
    # the family (hoorrecht; issue #17)
    "ouder": "a parent with gezag over a minor pupil: acts for the pupil",
    "meerderjarige": "the pupil of 18 or older acting for themselves (no curator, or mentor in this matter)",
    "vertegenwoordiger": "the adult pupil's curator (every matter) or mentor (care and begeleiding): acts for them",
    "ouder_inzage": "a parent of an adult pupil who may read: the pupil allows it, or the pupil is under curatele",
    "vertegenwoordiger_inzage": "a curator or mentor reading a case of a matter they do not act in",
    "leerling": "the pupil's own account, any age (reads from 12, gives their own view; acts only as 'meerderjarige')",
    # the organisations
    "school": "an IB'er or the directeur of the case's school",
    "ib": "an IB'er of the case's school",
    "directeur": "the directeur of the case's school",
    "bestuur": "a bestuurder of the board (bevoegd gezag) of the case's school",
    "swv": "staff of the case's samenwerkingsverband",
    "ondertekenaar": "someone with a current mandate of the case's bevoegd gezag (the mandate register)",
    # the kind's own (Zaaktype.relaties) and the others
    "deskundige": "an expert assigned to this TLV application",
    "ontvangende_school": "an IB'er or directeur of the school of aanmelding or inschrijving reading a decided TLV (C-7)",
    "commissie": "the secretary of the klachtencommissie that hears this klacht (a klacht's 'bestuur': the board of "
                 "the school it is about, or whom it mandated for klachten)",
    "indiener": "the school that filed this bezwaar (a TLV decision, C-6)",
    "behandelaar": "whom the contested decision's kind names to hear and prepare the decision on this bezwaar (the "
                   "school and its board; the TLV: the SWV's staff, Bezwaarregeling.behandelaar)",
    "verweerder": "the SWV's staff on a geschil about the SWV's own decision (a TLV: no school; issue #22)",
    "helper": "an onderwijsconsulent, cliëntondersteuner or steunpunt with an active share of this case",
    "systeem": "the deadline worker",
}
GEZIN = frozenset({"ouder", "meerderjarige", "vertegenwoordiger", "ouder_inzage", "vertegenwoordiger_inzage",
                   "leerling"})
HANDELT = frozenset(hoorrecht.HANDELT)  # the family's relations that act
STAF = frozenset({"school", "ib", "directeur", "bestuur", "swv", "ondertekenaar"})

# Whose turn it is (Stap.aan_zet) -> the relations that hold it, and how others name the party.
AAN_ZET = {
    "gezin": (HANDELT, None),  # named by who acts: the parents, the pupil, the curator or mentor
    "school": (frozenset({"school", "ib", "directeur"}), _("de school")),
    "bestuur": (frozenset({"bestuur", "ondertekenaar"}), _("het schoolbestuur")),
    "swv": (frozenset({"swv"}), _("het samenwerkingsverband")),
    "deskundige": (frozenset({"deskundige"}), _("de deskundigen")),
    "commissie": (frozenset({"commissie"}), _("de klachtencommissie")),
    "gpo": (frozenset(), _("de Geschillencommissie passend onderwijs")),
}


def is_gezin(rel) -> bool:
    return bool(set(rel) & GEZIN)


def aan_zet_tekst(stap, rel, zaak) -> str:
    """Who acts now, for this reader: "U" (or "Jij" for the pupil) only when the turn is the reader's; otherwise the
    party by name. A school's term never says "U" to a parent (issue #18 §2)."""
    code = getattr(stap, "aan_zet", "")
    if not code:
        return stap.wie
    houders, naam = AAN_ZET[code]
    if set(rel) & houders:
        return str(_("Jij")) if rel & {"leerling", "meerderjarige"} and not rel & {"ouder", "vertegenwoordiger"} \
            else str(_("U"))
    if naam is None:
        wie = hoorrecht.wie_handelt(zaak.leerling, onderwerp=hoorrecht.onderwerp_van(zaak))
        naam = {"ouders": _("de ouders"), "leerling": _("de leerling"), "curator": _("de curator"),
                "mentor": _("de mentor")}[wie.soort]
    naam = str(naam)
    return naam[:1].upper() + naam[1:]


class NaarGedeeldeZaak(Http404):
    """A helper whose only relation to the case is the share reads it on the shared page (issue #22 §2 item 6): a GET
    of a case page is sent there (``portal.core.middleware``); anything else stays a 404 (this is one)."""

    def __init__(self, url: str):
        super().__init__("gedeelde zaak")
        self.url = url


def zaak_of_404(user, model, pk, *related):
    """The case of kind ``model`` with ``pk`` if the kind's access rule (or an active share) lets ``user`` see it,
    and the user's relations to it: ``zaak, rel = zaak_of_404(request.user, Opp, pk)``. 404 for anyone else. A helper
    who sees it only through a share gets one view, the shared one (``NaarGedeeldeZaak``)."""
    zaak = get_object_or_404(model.objects.for_user(user).select_related(
        "leerling", "school", "school__bestuur", "swv", *related), pk=pk)
    rel = frozenset(relaties(user, zaak))
    if rel == {"helper"}:
        from .registry import gedeelde_url

        url = gedeelde_url(zaak)
        raise NaarGedeeldeZaak(url) if url else Http404
    return zaak, rel


def zaak_deel(request, zaak, rel, naam: str, maak: Callable[[], str], *, per_lezer: bool = False) -> str:
    """A case page's body kept in the cache (issue #23 §1), or ``maak()`` — a rendered string without forms or CSRF
    tokens — made and kept. The key holds what the body may depend on: the case, the reader's relations (``rel``:
    "U" or the party's name, the links and buttons a relation gets), with ``per_lezer`` the reader's account, the
    language, today's date ("nog 2 dagen", an 18th birthday), the page's full path (query included), and the
    versions of the pupil (every row of the case and the pupil's other cases), of the case's school and SWV, and
    ``alles`` (holidays, organisations). Every ORM write a reader could see moves one of them
    (``portal.zaken.versie``): the body is made afresh then, never served stale. The access check, the audit of the
    view and everything per request (messages, the menu, forms) stay outside."""
    from django.utils import timezone
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    from portal.basis.versie import deel, versie

    sleutels = [f"leerling:{zaak.leerling_id}", "alles"]
    if zaak.school_id:
        sleutels.append(f"org:school:{zaak.school_id}")
    if zaak.swv_id:
        sleutels.append(f"org:swv:{zaak.swv_id}")
    lezer = request.user.pk if per_lezer else ""
    sleutel = (f"{zaak.pk}|{','.join(sorted(rel))}|{lezer}|{get_language()}|{timezone.localdate().isoformat()}|"
               f"{request.get_full_path()}|{versie(*sleutels)}")
    return mark_safe(deel(naam, sleutel, maak))  # noqa: S308 — our own template's output


@dataclass(frozen=True)
class Actie:
    """One POST action on a case page.

    ``form(data, files, zaak, request)`` builds the bound form; ``mag`` is the relations that may use it (any one
    suffices) or a check ``(request, zaak, rel) -> bool``; ``doe(request, zaak, cleaned_data, form)`` calls the
    service (raising ``ZaakFout``, with ``veld`` for the field it is about); ``succes`` is what the user reads;
    ``naar(zaak)`` where they go (the case page by default)."""

    form: Callable
    doe: Callable
    succes: str
    mag: frozenset | Callable = field(default_factory=frozenset)
    naar: Callable | None = None

    def toegestaan(self, request, zaak, rel) -> bool:
        if callable(self.mag):
            return bool(self.mag(request, zaak, rel))
        return bool(set(rel) & set(self.mag))


def formulieren(acties: dict[str, Actie], request, zaak, rel, gebonden=None) -> dict:
    """The forms of the actions this reader may use on the case page, by name; a refused one (``gebonden``) bound."""
    gebonden = gebonden or {}
    return {naam: gebonden.get(naam) or a.form(None, None, zaak, request) for naam, a in acties.items()
            if a.toegestaan(request, zaak, rel)}


def verwerk(request, form, doe: Callable, succes, fouten: tuple = (ZaakFout,)) -> tuple[bool, object]:
    """A form page's POST (GET-and-POST pages; a case page's actions are ``actie_view``): when the form is valid,
    ``doe(cleaned_data)`` calls the one service; a refusal (``ZaakFout``, or the exception classes ``fouten`` names)
    goes to the field it names (``veld``), else to the form's top, the input kept; done, the user reads ``succes``.
    Returns ``(True, what doe returned)`` once done, ``(False, None)`` while the form is to be shown (again)::

        klaar, a = verwerk(request, form, lambda d: s.arrangement_open(...), _("Het arrangement staat klaar."))
        if klaar:
            return redirect(a)
        return render(request, "…", {"form": form})
    """
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        uit = doe(form.cleaned_data)
    except fouten as exc:
        veld = getattr(exc, "veld", None)
        form.add_error(veld if veld in form.fields else None, str(exc))
        return False, None
    messages.success(request, succes)
    return True, uit


def knop(request, doe: Callable, succes, fouten: tuple = (ZaakFout,)) -> bool:
    """A one-button POST without a form (e.g. "Concept herzien"): ``doe()`` calls the service; a refusal (``ZaakFout``,
    or the exception classes ``fouten`` names) is shown as a message on the page the user returns to. True when
    done."""
    try:
        doe()
    except fouten as exc:
        messages.error(request, str(exc))
        request._eenmalig_niet_gedaan = True  # the same form may be sent again (``eenmalig``)
        return False
    messages.success(request, succes)
    return True


def _naar_eerder(request, inzending):
    """The second submit of a form: to the first one's result, with a calm message — never a second object."""
    log.info("form token sent again (user %s, %s): to the first result", request.user.pk, inzending.pad)
    messages.info(request, AL_VERSTUURD)
    return HttpResponseRedirect(inzending.resultaat)


def eenmalig(view):
    """A create view that creates once per rendered form (issue #19, defect 4). For a signed-in user's POST with a
    well-formed form token (``portal.basis.forms.lees_token``):

    * the token was used before by this user: to that result (``AL_VERSTUURD``), the view is not run;
    * else the token is claimed (an ``Inzending`` row) and the view runs, in one transaction: a redirect (done) keeps
      the claim with the redirect as its result; any other answer (the form back with its errors) gives the claim up,
      so the same page may be sent again, corrected. A second request with the same token at the same moment waits on
      the unique constraint until the first one commits, then fails on it and goes to the first one's result (its own
      work is rolled back with the failed claim — it made none yet: the claim comes first).

    The form page's address carries its token (``?formulier=``, set by static/js/portal.js): a GET of a page whose
    form was sent (the Back button fetching it again) goes to the result too.

    A missing or garbled token (an old page, a hand-made request) is a plain submit: no error for the user, and the
    services' own guards still apply. GET and anonymous requests pass through."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "GET" and ADRES_TOKEN in request.GET and request.user.is_authenticated:
            # the form page again (Back) after its form was sent: its result (the address carries the token)
            adres = lees_token({TOKEN_VELD: request.GET.get(ADRES_TOKEN)})
            eerder = Inzending.objects.filter(gebruiker=request.user, token=adres).exclude(
                resultaat="").first() if adres is not None else None
            if eerder is not None:
                return _naar_eerder(request, eerder)
        token = lees_token(request.POST) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated or getattr(request, "_eenmalig", False):
            return view(request, *args, **kwargs)
        request._eenmalig = True  # a decorated view calling another one claims once
        eerder = Inzending.objects.filter(gebruiker=request.user, token=token).exclude(resultaat="").first()
        if eerder is not None:
            return _naar_eerder(request, eerder)
        try:
            with transaction.atomic():
                claim = Inzending.objects.create(gebruiker=request.user, token=token, pad=request.path[:300])
                response = view(request, *args, **kwargs)
                if _is_resultaat(request, response):
                    claim.resultaat = response.url
                    claim.save(update_fields=["resultaat"])
                else:
                    claim.delete()
                return response
        except IntegrityError:
            eerder = Inzending.objects.filter(gebruiker=request.user, token=token).exclude(resultaat="").first()
            if eerder is None:
                raise
            _vergeet_berichten(request)  # nothing of the rolled-back attempt is said
            return _naar_eerder(request, eerder)

    wrapper.eenmalig = True  # functools.wraps copies it outwards: tests find every view that has it
    return wrapper


def inzendingen_opruimen(*, nu=None) -> int:
    """Forget the form tokens older than ``Inzending.BEWAAR_DAGEN`` (a page kept open that long is sent as new; the
    service's own guards still hold). Returns how many were removed. Daily (``portal.zaken.tasks``)."""
    from datetime import timedelta

    from django.utils import timezone

    grens = (nu or timezone.now()) - timedelta(days=Inzending.BEWAAR_DAGEN)
    aantal, _per_model = Inzending.objects.filter(verstuurd_op__lt=grens).delete()
    return aantal


def _is_resultaat(request, response) -> bool:
    """Whether the view's answer is the result of a submit done: a redirect, but not a refusal said as a message
    (``knop``) nor a detour to sign in or re-authenticate first (the form is to be sent again after it)."""
    if not isinstance(response, HttpResponseRedirect) or len(response.url) > 500:
        return False
    if getattr(request, "_eenmalig_niet_gedaan", False):
        return False
    try:
        return resolve(urlsplit(response.url).path).namespace != "accounts"
    except Resolver404:
        return True


def _vergeet_berichten(request):
    opslag = getattr(request, "_messages", None)
    if opslag is not None and hasattr(opslag, "_queued_messages"):
        opslag._queued_messages.clear()


def actie_view(model, acties: dict[str, Actie], detail: Callable):
    """A POST-only view ``<kind>/<pk>/<actie>/``: 404 for an unknown action or a reader who may not; a refused form
    goes back to ``detail(request, zaak, gebonden={actie: form})`` with status 200."""

    @login_required
    @require_POST
    @eenmalig
    def view(request, pk, actie):
        zaak, rel = zaak_of_404(request.user, model, pk)
        a = acties.get(actie)
        if a is None or not a.toegestaan(request, zaak, rel):
            raise Http404
        form = a.form(request.POST, request.FILES, zaak, request)
        if form.is_valid():
            try:
                a.doe(request, zaak, form.cleaned_data, form)
            except ZaakFout as exc:  # at the field the service names, when the form has it
                veld = getattr(exc, "veld", None)
                form.add_error(veld if veld in form.fields else None, str(exc))
            else:
                messages.success(request, a.succes(zaak) if callable(a.succes) else a.succes)  # or by the case
                return redirect(a.naar(zaak) if a.naar else zaak.get_absolute_url())
        zaak, _rel = zaak_of_404(request.user, model, pk)
        return detail(request, zaak, gebonden={actie: form})

    return view


__doc__ += "\n".join(f"* ``{k}``: {v}" for k, v in RELATIES.items())
