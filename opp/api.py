"""The OPP in force per pupil, for the school's system and the board's (issue #21 §1): as JSON and as the PDF the
pages render. Read only.

Registered in the core's API through ``portal.api.registry`` (found by ``ApiConfig.ready`` as this app's ``api.py``):
the core never imports this app. What a client sees is what that organisation's staff see in the pages
(``selectors.opp_toegang``):

- a school's system: the OPPs of its own school, as its IB'er and directeur see them;
- a board's system: the OPPs whose vaststelling the board decides (a decision of kind "opp" at one of its schools),
  as its bestuurder sees them — not every OPP of its schools.

Only OPPs with a version in force are listed (``vastgesteld_op``); an ended OPP stays, with ``beeindigd_op``, so a
system that synchronises learns that it ended. The PDF is audited as a download, as on the page."""


from django.db.models import Prefetch, Q
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from portal.api.basis import GEWIJZIGD_SINDS, ApiViewMixin, gewijzigd_sinds_q, lees_moment
from portal.api.problemen import ProblemRenderer
from portal.api.registry import register_bron, register_scope
from portal.api.snel import SnelLezen
from portal.audit.services import audit_view
from portal.zaken.models import Besluit

from . import selectors as sel
from .constants import VersieStatus
from .models import Doel, Ontwikkelingsperspectief, Versie
from .pdf import versie_pdf


def zichtbaar_q(user) -> Q:
    """The OPPs of ``opp_toegang`` for an organisation's staff, for an organisation's system (a SysteemGebruiker):
    the school's IB'er and directeur (their school), the board's bestuurder (the OPPs whose vaststelling the board
    decides). The family's and the SWV's parts of that rule are for persons and an SWV; they stay out."""
    q = Q(pk__in=[])
    if (k := user.api_koppeling).school_id:
        q |= Q(school_id=k.school_id)
    if besturen := user.bestuur_ids():
        q |= Q(pk__in=Besluit.objects.filter(besluittype="opp", zaak__school__bestuur_id__in=besturen)
               .values("zaak_id"))
    return q


def gewijzigd_q(moment) -> Q:
    """Changed since ``moment``: the case itself (status, vaststelling, end), or anything in the pupil's dossier —
    every OPP service writes its audit line with the pupil (a goal, a version, an evaluation). A superset: a system
    may get an OPP that did not change, never miss one that did."""
    return gewijzigd_sinds_q(moment, object_type=("opp.ontwikkelingsperspectief", "zaken.zaak"), aangemaakt_veld="geopend_op",
                             leerling_veld="leerling_id")


class DoelSerializer(SnelLezen, serializers.ModelSerializer):
    class Meta:
        model = Doel
        fields = ["gebied", "omschrijving", "criterium", "streefdatum", "aanpak", "wie"]


class GeldendeVersieSerializer(SnelLezen, serializers.ModelSerializer):
    doelen = DoelSerializer(many=True, read_only=True, help_text="De doelen van het handelingsdeel.")
    arrangementen = serializers.SerializerMethodField(help_text="De arrangementen die het handelingsdeel noemt, "
                                                                "zoals ze bij het voorleggen waren.")
    handelingsdeel_definitief = serializers.SerializerMethodField(
        help_text="Onwaar als alleen het perspectief is vastgesteld en het handelingsdeel nog op instemming wacht "
                  "(B-4).")

    class Meta:
        model = Versie
        fields = ["nummer", "vastgesteld_op", "bestaand", "handelingsdeel_definitief", "handelingsdeel_vastgesteld_op",
                  "uitstroom", "uitstroom_toelichting", "onderbouwing", "belemmerende_factoren",
                  "bevorderende_factoren", "sterke_kanten", "onderwijsbehoeften", "verwachting_ouders",
                  "ondersteuning", "afwijkingen", "geen_afwijkingen", "taakverdeling", "doelen", "arrangementen"]
        extra_kwargs = {"bestaand": {"help_text": "Een OPP dat buiten het portaal is vastgesteld: het document (de "
                                                  "PDF van het portaal verwijst ernaar) is de inhoud."}}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_arrangementen(self, versie) -> list[str]:
        return sel.arrangement_namen(versie)

    def get_handelingsdeel_definitief(self, versie) -> bool:
        return not versie.alleen_perspectief


class OppSerializer(SnelLezen, serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="De status van het OPP (zaak).")
    versie = serializers.SerializerMethodField(help_text="De versie die nu geldt.")
    pdf = serializers.SerializerMethodField(help_text="Het adres van de PDF van de versie die nu geldt.")

    class Meta:
        model = Ontwikkelingsperspectief
        fields = ["id", "leerling", "school", "status", "reden", "vastgesteld_op", "beeindigd_op", "einde_reden",
                  "versie", "pdf"]
        extra_kwargs = {"vastgesteld_op": {"help_text": "De dag waarop de versie die nu geldt is vastgesteld."},
                        "beeindigd_op": {"help_text": "Gevuld als het OPP is beëindigd (B-8): het geldt dan niet meer."}}

    @extend_schema_field(GeldendeVersieSerializer(allow_null=True))
    def get_versie(self, opp):
        versie = next(iter(opp.api_geldend), None)
        return GeldendeVersieSerializer.rij(versie) if versie is not None else None

    @extend_schema_field(serializers.URLField())
    def get_pdf(self, opp) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/opp/{opp.pk}/pdf/")


class PdfRenderer(renderers.BaseRenderer):
    """The PDF itself; an error on this path is still a problem detail in JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return ProblemRenderer().render(data, accepted_media_type, renderer_context)


@extend_schema_view(
    list=extend_schema(
        summary="Ontwikkelingsperspectieven die gelden", parameters=[GEWIJZIGD_SINDS],
        description="Per leerling het OPP met de versie die nu geldt: het perspectief, het handelingsdeel met doelen en "
                    "arrangementen. Voor de school: de OPP's van de eigen school. Voor het bestuur: de OPP's waarover "
                    "het bestuur het besluit neemt. Een beëindigd OPP blijft in de lijst, met beeindigd_op."),
    retrieve=extend_schema(summary="Een ontwikkelingsperspectief",
                           description="Met de versie die nu geldt. Telt in de audittrail als inzage in het dossier, "
                                       "door het systeem."),
)
class OppViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "opp"
    # ASCII digits that fit the database: a case is a child table (its pk a link), out of range is no 404 there
    lookup_value_regex = "[0-9]{1,18}"
    serializer_class = OppSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Ontwikkelingsperspectief.objects.none()
        geldend = (Versie.objects.filter(status=VersieStatus.VASTGESTELD)
                   .prefetch_related(Prefetch("doelen", queryset=Doel.objects.order_by("volgorde", "pk")),
                                     "arrangementen"))
        qs = (Ontwikkelingsperspectief.objects.filter(zichtbaar_q(self.request.user), vastgesteld_op__isnull=False)
              .prefetch_related(Prefetch("versies", queryset=geldend, to_attr="api_geldend"))
              .order_by("pk"))
        if self.action == "list" and (w := self.request.query_params.get("gewijzigd_sinds")) is not None:
            qs = qs.filter(gewijzigd_q(lees_moment(w, "gewijzigd_sinds")))
        return qs

    def retrieve(self, request, *args, **kwargs):
        opp = self.get_object()
        self.bekeken(next(iter(opp.api_geldend), opp), opp.leerling)
        return Response(self.get_serializer(opp).data)

    @extend_schema(summary="Het ontwikkelingsperspectief als PDF",
                   description="De PDF van de versie die nu geldt, dezelfde als op de pagina: beide delen, de "
                               "instemming met namen en data, de meningen, de overleggen en de evaluaties. Telt in de "
                               "audittrail als download, door het systeem.",
                   responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De PDF.")})
    @action(detail=True, methods=["get"], renderer_classes=[PdfRenderer, ProblemRenderer])
    def pdf(self, request, *args, **kwargs):
        opp = sel.met_klokken(self.get_object())
        v = next(iter(opp.api_geldend), None)
        if v is None:  # listed only with a version in force; ended since the list was read
            raise NotFound()
        inhoud, naam = versie_pdf(opp, v)  # the page's PDF
        self._pdf_van = (v, opp.leerling)
        response = HttpResponse(inhoud, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{naam}"'
        return response

    def _audit(self, request, response):
        """A PDF is a download of the dossier (as on the page): one line, as the system."""
        if getattr(self, "_pdf_van", None) is not None and response.status_code == 200:
            v, leerling = self._pdf_van
            audit_view(actor=request.user, obj=v, leerling=leerling, download=True,
                       omschrijving=f"OPP versie {v.nummer} (PDF) via API {request.path}")
            return
        super()._audit(request, response)


register_scope("opp:lezen", "De ontwikkelingsperspectieven die gelden lezen, als gegevens en als PDF (school: de eigen "
                            "leerlingen; bestuur: de OPP's waarover het bestuur beslist)",
               organisaties={"school", "bestuur"})
register_bron("opp", OppViewSet)
