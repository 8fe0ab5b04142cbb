"""The arrangements (issue #21 §1), read, for the school's system and the SWV's.

Registered in the core's API through ``portal.api.registry`` (found by ``ApiConfig.ready`` as this app's ``api.py``):
the core never imports this app. What a client sees is what that organisation's staff see in the pages
(``selectors.arrangement_toegang``):

- a school's system: the arrangements of its own school, as its IB'er and directeur see them;
- an SWV's system: the arrangements with a part its SWV funds or provides, and — while a TLV application for the
  pupil is with the SWV — the pupil's arrangements (``portal.zaken.inzage``), as its staff see them.

A board's staff do not see arrangements in the pages, so a board's system cannot get this scope."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from portal.api.basis import GEWIJZIGD_SINDS, ApiViewMixin, gewijzigd_sinds_q, lees_moment
from portal.api.registry import register_bron, register_scope
from portal.api.snel import SnelLezen, vooraf
from portal.leerlingen.models import in_een_van
from portal.zaken.inzage import inzage_delen

from .models import Arrangement, Onderdeel


def zichtbaar_q(user) -> Q:
    """``arrangement_toegang``'s parts for an organisation's staff, for an organisation's system."""
    q = Q(pk__in=[])
    if (k := user.api_koppeling).school_id:
        q |= Q(school_id=k.school_id)
    if k.swv_id:  # one IN over a union, not an OR of two subqueries (issue #23 §2: every arrangement tested)
        q |= in_een_van("pk", Onderdeel.objects.filter(swv_id=k.swv_id).values("arrangement_id"),
                        *(Arrangement.objects.filter(leerling_id__in=leerlingen).values("pk")
                          for leerlingen in inzage_delen(user, "arrangement")))
    return q


def gewijzigd_q(moment) -> Q:
    """Changed since ``moment``: the case, or anything in the pupil's dossier (every service of this app writes its
    audit line with the pupil: a part, an evaluation, the parents' answer). A superset, never a miss."""
    return gewijzigd_sinds_q(moment, object_type=("ondersteuning.arrangement", "zaken.zaak"), aangemaakt_veld="geopend_op",
                             leerling_veld="leerling_id")


class ArrangementOnderdeelSerializer(SnelLezen, serializers.ModelSerializer):
    class Meta:
        model = Onderdeel
        fields = ["id", "soort", "omschrijving", "aanbieder", "aanbieder_naam", "plaats", "uren_per_week",
                  "volledige_week_uren", "gedeeltelijk_rooster", "start", "eind", "financier", "swv", "gemeente",
                  "beschikkingsnummer", "beschikking_omvang", "binnen_basisondersteuning"]
        extra_kwargs = {"swv": {"help_text": "Het samenwerkingsverband dat dit onderdeel betaalt of levert."},
                        "gedeeltelijk_rooster": {"help_text": "Minder uren dan een volledige schoolweek."}}


class ArrangementSerializer(SnelLezen, serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="De status van het arrangement (zaak).")
    onderdelen = ArrangementOnderdeelSerializer(many=True, read_only=True,
                                     help_text="Wat, door wie, waar, hoeveel uur, wanneer en wie betaalt.")

    class Meta:
        model = Arrangement
        fields = ["id", "leerling", "school", "status", "aanbod_soort", "andere_school", "andere_school_naam", "doel",
                  "onderzocht", "aanpassingen", "startdatum", "einddatum", "evaluatie_weken", "versie",
                  "aangeboden_op", "geopend_op", "afgesloten_op", "onderdelen"]
        extra_kwargs = {"versie": {"help_text": "Telt elke keer dat het aanbod aan de ouders is voorgelegd."}}


@extend_schema_view(
    list=extend_schema(
        summary="Arrangementen", parameters=[GEWIJZIGD_SINDS],
        description="De arrangementen met hun onderdelen. Voor de school: die van de eigen school. Voor het "
                    "samenwerkingsverband: die met een onderdeel dat het samenwerkingsverband betaalt of levert, en "
                    "die van een leerling van wie een TLV-aanvraag bij het samenwerkingsverband ligt."),
    retrieve=extend_schema(summary="Een arrangement",
                           description="Met onderdelen. Telt in de audittrail als inzage in het dossier, door het "
                                       "systeem."),
)
class ArrangementViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "arrangementen"
    # ASCII digits that fit the database: a case is a child table (its pk a link), out of range is no 404 there
    lookup_value_regex = "[0-9]{1,18}"
    serializer_class = ArrangementSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Arrangement.objects.none()
        qs = (Arrangement.objects.filter(zichtbaar_q(self.request.user))
              .prefetch_related(vooraf("onderdelen", Onderdeel.objects.order_by("volgorde", "pk")))
              .order_by("pk"))
        if self.action == "list" and (w := self.request.query_params.get("gewijzigd_sinds")) is not None:
            qs = qs.filter(gewijzigd_q(lees_moment(w, "gewijzigd_sinds")))
        return qs

    def retrieve(self, request, *args, **kwargs):
        arrangement = self.get_object()
        self.bekeken(arrangement, arrangement.leerling)
        return Response(self.get_serializer(arrangement).data)


register_scope("arrangementen:lezen", "De arrangementen lezen (school: van de eigen school; samenwerkingsverband: "
                                      "die het betaalt of levert, en die bij een TLV-aanvraag)",
               organisaties={"school", "swv"})
register_bron("arrangementen", ArrangementViewSet)
