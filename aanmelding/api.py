"""The aanmeldingen of a school for its own system (issue #21 §1): status and legal dates, read.

Registered in the core's API through ``portal.api.registry`` (found by ``ApiConfig.ready`` as this app's ``api.py``):
the core never imports this app. A school's client sees what its IB'er and directeur see in the pages
(``portal.zaken.toegang.ouders_en_school``): the aanmeldingen at that school."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from portal.api.basis import GEWIJZIGD_SINDS, ApiViewMixin, gewijzigd_sinds_q, lees_moment
from portal.api.registry import register_bron, register_scope
from portal.api.snel import SnelLezen, vooraf
from portal.termijnen.models import Clock

from .models import Aanmelding

# what a clock of the list shows and what its status needs (Clock.status); not its rule parameters (JSON) and links
_KLOK_VELDEN = ("id", "zaak_id", "regel_id", "start", "uiterlijk", "gesloten_op", "uitkomst", "verlenging_weken")


class TermijnKortSerializer(SnelLezen, serializers.ModelSerializer):
    status = serializers.SerializerMethodField()

    class Meta:
        model = Clock
        fields = ["id", "regel_id", "start", "uiterlijk", "status", "gesloten_op"]

    def get_status(self, clock) -> str:
        return clock.status()


class AanmeldingSerializer(SnelLezen, serializers.ModelSerializer):
    termijnen = TermijnKortSerializer(many=True, read_only=True, source="clocks",
                                      help_text="De wettelijke termijnen: de zorgplicht- en beslistermijn (A-6) e.a.")

    class Meta:
        model = Aanmelding
        fields = ["id", "leerling", "status", "kanaal", "ontvangen_op", "ontvangen_datum", "gewenste_start",
                  "ingetrokken_op", "geopend_op", "afgesloten_op", "termijnen"]
        extra_kwargs = {"ontvangen_datum": {"help_text": "De dag van ontvangst: de termijnen lopen vanaf hier (A-2)."}}


@extend_schema_view(
    list=extend_schema(summary="Aanmeldingen bij de school", parameters=[GEWIJZIGD_SINDS],
                       description="De aanmeldingen bij de school van deze koppeling, met status en termijnen."),
    retrieve=extend_schema(summary="Een aanmelding", description="Met status en wettelijke termijnen."),
)
class AanmeldingViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "aanmeldingen"
    serializer_class = AanmeldingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Aanmelding.objects.none()
        qs = (Aanmelding.objects.filter(school_id__in=self.request.user.school_ids())
              .prefetch_related(vooraf("clocks", Clock.objects.only(*_KLOK_VELDEN).order_by("pk")))
              .order_by("pk"))
        if self.action == "list" and (w := self.request.query_params.get("gewijzigd_sinds")) is not None:
            qs = qs.filter(gewijzigd_sinds_q(lees_moment(w, "gewijzigd_sinds"),
                                             object_type=("aanmelding.aanmelding", "zaken.zaak"),
                                             aangemaakt_veld="geopend_op"))
        return qs

    def retrieve(self, request, *args, **kwargs):
        aanmelding = self.get_object()
        self.bekeken(aanmelding, aanmelding.leerling)
        return Response(self.get_serializer(aanmelding).data)


register_scope("aanmeldingen:lezen", "De aanmeldingen bij de eigen school lezen, met status en termijnen",
               organisaties={"school"})
register_bron("aanmeldingen", AanmeldingViewSet)
