"""The legal clocks of cases (issue #21 §1), read: rule id, due date and status, for the organisation whose staff
see them in the pages (``ClockQuerySet.for_user``): a school's own clocks; an SWV's own (not a school's)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.termijnen.models import Clock, Status

from ..basis import GEWIJZIGD_SINDS, ApiViewMixin, lees_moment
from ..registry import register_bron, register_scope
from ..snel import SnelLezen


class TermijnSerializer(SnelLezen, serializers.ModelSerializer):
    naam = serializers.CharField(read_only=True, help_text="De naam van de regel.")
    status = serializers.SerializerMethodField()
    gewijzigd_op = serializers.DateTimeField(source="bijgewerkt_op", read_only=True)

    class Meta:
        model = Clock
        fields = ["id", "zaak", "regel_id", "naam", "omschrijving", "start", "uiterlijk", "status", "gesloten_op",
                  "uitkomst", "verlenging_weken", "gewijzigd_op"]
        extra_kwargs = {"regel_id": {"help_text": "Het id van de wettelijke regel, bijvoorbeeld A-6."}}

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices))
    def get_status(self, clock) -> str:
        return clock.status()


ZAAK = OpenApiParameter("zaak", OpenApiTypes.INT, description="Alleen de termijnen van deze zaak.")


@extend_schema_view(
    list=extend_schema(summary="Termijnen", parameters=[ZAAK, GEWIJZIGD_SINDS],
                       description="De wettelijke termijnen van de zaken van deze organisatie. De status volgt uit "
                                   "de datum: een termijn die vandaag verloopt is morgen 'verlopen' zonder dat "
                                   "gewijzigd_op verandert."),
    retrieve=extend_schema(summary="Een termijn", description="Met regel-id, uiterste datum en status."),
)
class TermijnViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "termijnen"
    serializer_class = TermijnSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Clock.objects.none()
        qs = Clock.objects.filter(self.request.user.clock_q()).order_by("pk")
        if self.action == "list":
            if (zaak := self.request.query_params.get("zaak")) is not None:
                if not (zaak.isascii() and zaak.isdigit()) or len(zaak) > 18:
                    raise ValidationError({"zaak": ["Geef het nummer (id) van een zaak."]})
                qs = qs.filter(zaak_id=int(zaak))
            if (w := self.request.query_params.get("gewijzigd_sinds")) is not None:
                qs = qs.filter(bijgewerkt_op__gte=lees_moment(w, "gewijzigd_sinds"))
        return qs

    def retrieve(self, request, *args, **kwargs):
        clock = self.get_object()
        self.bekeken(clock)
        return Response(self.get_serializer(clock).data)


register_scope("termijnen:lezen", "De termijnen van de eigen zaken lezen", organisaties={"school", "swv"})
register_bron("termijnen", TermijnViewSet)
