"""Schools and their support profile (issue #21 §1): public, like the school finder (portal.informatie); no token.
Only the profile in force (vastgesteld) — never a concept."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from portal.organisaties.models import (
    Ondersteuningsprofiel,
    ProfielExpertise,
    ProfielOnderdeel,
    ProfielStatus,
    Samenwerkingsverband,
    School,
)

from ..basis import ApiViewMixin
from ..registry import register_bron
from ..snel import SnelLezen, vooraf


class SWVKortSerializer(SnelLezen, serializers.ModelSerializer):
    class Meta:
        model = Samenwerkingsverband
        fields = ["id", "code", "naam", "sector"]


class OnderdeelSerializer(SnelLezen, serializers.ModelSerializer):
    class Meta:
        model = ProfielOnderdeel
        fields = ["soort", "gebied", "titel", "omschrijving"]


class ExpertiseSerializer(SnelLezen, serializers.ModelSerializer):
    class Meta:
        model = ProfielExpertise
        fields = ["expertise", "beschikbaar", "toelichting"]


class ProfielSerializer(SnelLezen, serializers.ModelSerializer):
    onderdelen = OnderdeelSerializer(many=True, read_only=True)
    expertises = ExpertiseSerializer(many=True, read_only=True)

    class Meta:
        model = Ondersteuningsprofiel
        fields = ["nummer", "schooljaar", "vastgesteld_op", "basis_toelichting", "groepsgrootte", "ingang", "lift",
                  "toilet_aangepast", "gymzaal_toegankelijk", "rolstoeltoegankelijk", "toegankelijkheid_toelichting",
                  "aanmeldprocedure", "aanmelden_online", "kennismaking", "onderdelen", "expertises"]


class SchoolSerializer(SnelLezen, serializers.ModelSerializer):
    bestuur = serializers.CharField(source="bestuur.naam", read_only=True)
    samenwerkingsverbanden = SWVKortSerializer(many=True, read_only=True)

    class Meta:
        model = School
        fields = ["id", "naam", "brin", "vestigingsnummer", "soort", "denominatie", "straat", "postcode", "plaats",
                  "email", "bestuur", "samenwerkingsverbanden"]


class SchoolDetailSerializer(SchoolSerializer):
    ondersteuningsprofiel = serializers.SerializerMethodField(help_text="Het geldende ondersteuningsprofiel, of null.")

    class Meta(SchoolSerializer.Meta):
        fields = [*SchoolSerializer.Meta.fields, "ondersteuningsprofiel"]

    @extend_schema_field(ProfielSerializer(allow_null=True))
    def get_ondersteuningsprofiel(self, school):
        geldend = school.geldende_profielen
        return ProfielSerializer.rij(geldend[0]) if geldend else None


@extend_schema_view(
    list=extend_schema(summary="Scholen", description="Alle scholen (vestigingen), openbaar."),
    retrieve=extend_schema(summary="Een school met haar ondersteuningsprofiel",
                           description="Met het geldende (vastgestelde) ondersteuningsprofiel; een concept nooit."),
)
class SchoolViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    authentication_classes = []  # public: no token needed (and none looked at)
    permission_classes = [AllowAny]
    serializer_class = SchoolSerializer

    def get_queryset(self):
        qs = School.objects.select_related("bestuur").prefetch_related(
            vooraf("samenwerkingsverbanden", Samenwerkingsverband.objects.order_by("code")))
        if self.action == "retrieve":
            qs = qs.prefetch_related(Prefetch(
                "profielen", to_attr="geldende_profielen",
                queryset=Ondersteuningsprofiel.objects.filter(status=ProfielStatus.VASTGESTELD)
                .prefetch_related(vooraf("onderdelen"), vooraf("expertises"))))
        return qs.order_by("naam", "pk")

    def get_serializer_class(self):
        return SchoolDetailSerializer if self.action == "retrieve" else SchoolSerializer


register_bron("scholen", SchoolViewSet)
