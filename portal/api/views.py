"""The schema, the documentation page and the token endpoint of the API (issue #21 §1, §2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider.views import TokenView as DotTokenView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from portal.accounts.constants import Rol
from portal.accounts.views import reauth_redirect
from portal.organisaties.models import School
from portal.zaken.pagina import eenmalig, verwerk

from .forms import KoppelingForm
from .models import Koppeling
from .registry import SCOPES
from .services import KoppelingFout, koppeling_maak, koppeling_nieuw_geheim, koppeling_trek_in


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (YAML, or JSON with ?format=json)."""

    authentication_classes = []
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's static files, its start script from this view (``?script``), its styles from
    ``api/docs.css``: nothing inline and nothing from outside, so the site's CSP ('self') holds."""

    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "api:schema"
    template_name = "api/docs.html"


@method_decorator(csrf_exempt, name="dispatch")
class TokenView(DotTokenView):
    """POST grant_type=client_credentials with the client's id and secret (HTTP Basic or form): a bearer token with
    the client's scopes. A revoked client gets ``invalid_client``."""


class NietGevonden(APIView):
    """Any other path under /api/v1/: a 404 as a problem detail, not the site's HTML page."""

    authentication_classes = []
    permission_classes = [AllowAny]
    schema = None  # not an endpoint

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound()

    get = post = put = patch = delete = http_method_not_allowed


# --- the board's admin creates and revokes clients for its own systems (issue #21 §2) ------------------------------
# Pages for a person (the bestuurder: the admin role of a school board or an SWV), not the API: a session, CSRF, the
# site's templates. The beheerder does the same for every organisation in /beheer/ (portal/api/admin.py).

GEHEIM_SESSIE = "api_koppeling_geheim"


def beheerbare_organisaties(user) -> dict:
    """What this user may create clients for, by key ("school-12"): as bestuurder of a school board the board and
    each of its schools; as bestuurder of an SWV that SWV. Nobody else: 404."""
    out = {}
    besturen = [m.bestuur for m in user.lidmaatschappen if m.rol == Rol.BESTUURDER and m.bestuur_id]
    for bestuur in besturen:
        out[f"bestuur-{bestuur.pk}"] = ("bestuur", bestuur)
    for school in School.objects.filter(bestuur__in=besturen).order_by("naam", "pk"):
        out[f"school-{school.pk}"] = ("school", school)
    for m in user.lidmaatschappen:
        if m.rol == Rol.BESTUURDER and m.swv_id:
            out[f"swv-{m.swv_id}"] = ("swv", m.swv)
    if not out:
        raise Http404
    return out


def _koppelingen(organisaties: dict):
    ids = {"school": [], "bestuur": [], "swv": []}
    for soort, org in organisaties.values():
        ids[soort].append(org.pk)
    return (Koppeling.objects.filter(Q(school_id__in=ids["school"]) | Q(bestuur_id__in=ids["bestuur"])
                                     | Q(swv_id__in=ids["swv"]))
            .select_related("application", "school", "bestuur", "swv"))


def _koppeling_of_404(request, pk):
    return get_object_or_404(_koppelingen(beheerbare_organisaties(request.user)), pk=pk)


def _scope_namen(koppeling) -> list[str]:
    return [SCOPES[s].omschrijving if s in SCOPES else s for s in koppeling.scopes]


@login_required
def koppelingen(request):
    """The clients of the board's (or SWV's) systems: which organisation, what they may, active or revoked."""
    organisaties = beheerbare_organisaties(request.user)
    rijen = [(k, _scope_namen(k)) for k in _koppelingen(organisaties).order_by("ingetrokken_op", "naam", "pk")]
    return render(request, "api/koppelingen.html", {"rijen": rijen, "organisaties": organisaties})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def koppeling_nieuw(request):
    """A new client: a name, the organisation, what it may. Asks for the password again first (it opens pupil data
    to a system); the secret is shown once, on the client's page."""
    organisaties = beheerbare_organisaties(request.user)
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    form = KoppelingForm(request.POST or None, organisaties=organisaties)
    klaar, uit = verwerk(request, form, lambda d: koppeling_maak(
        naam=d["naam"], door=request.user, scopes=d["scopes"], **form.organisatie_kwargs()),
        _("De koppeling is gemaakt."), fouten=(KoppelingFout,))
    if klaar:
        koppeling, geheim = uit
        request.session[GEHEIM_SESSIE] = {"koppeling": koppeling.pk, "geheim": geheim}
        return redirect("koppelingen:koppeling", koppeling.pk)
    return render(request, "api/koppeling_nieuw.html", {"form": form})


@login_required
@require_GET
def koppeling(request, pk):
    """One client: its id, the token address, what it may; the secret once, just after it was made."""
    k = _koppeling_of_404(request, pk)
    geheim = None
    bewaard = request.session.get(GEHEIM_SESSIE)
    if bewaard and bewaard.get("koppeling") == k.pk:
        geheim = bewaard["geheim"]
        del request.session[GEHEIM_SESSIE]  # shown once: the next visit no longer has it
    response = render(request, "api/koppeling.html", {
        "k": k, "geheim": geheim, "scopes": _scope_namen(k),
        "token_url": request.build_absolute_uri("/api/v1/token/"),
        "docs_url": request.build_absolute_uri("/api/v1/docs/")})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def koppeling_intrekken(request, pk):
    """Revoke at once: every token is deleted, the next call is refused. Twice is harmless."""
    k = _koppeling_of_404(request, pk)
    if k.actief:
        koppeling_trek_in(koppeling=k, door=request.user)
        messages.success(request, _("De koppeling is ingetrokken. Het systeem kan vanaf nu niets meer opvragen."))
    else:
        messages.info(request, _("Deze koppeling was al ingetrokken."))
    return redirect("koppelingen:koppeling", k.pk)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def koppeling_geheim(request, pk):
    """A new secret, after a confirmation and the password again: the old secret and its tokens stop at once."""
    k = _koppeling_of_404(request, pk)
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    if request.method == "POST":
        try:
            geheim = koppeling_nieuw_geheim(koppeling=k, door=request.user)
        except KoppelingFout as e:
            messages.error(request, str(e))
            request._eenmalig_niet_gedaan = True
            return redirect("koppelingen:koppeling", k.pk)
        request.session[GEHEIM_SESSIE] = {"koppeling": k.pk, "geheim": geheim}
        messages.success(request, _("Er is een nieuw geheim gemaakt. Het oude werkt niet meer."))
        return redirect("koppelingen:koppeling", k.pk)
    return render(request, "api/koppeling_geheim.html", {"k": k})
