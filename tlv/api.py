"""TLV decisions and the register of granted TLVs (issue #21 §1), read, for the SWV's system and the school's.

Registered in the core's API through ``portal.api.registry`` (found by ``ApiConfig.ready`` as this app's ``api.py``):
the core never imports this app. What a client sees is what that organisation's staff see in the pages
(``toegang.tlv_toegang``, ``views.register``), limited to decisions (C-5):

- an SWV's system: the decisions of its SWV, and its register (``selectors.register``, the page's query);
- a school's system: the decisions on its own applications, and the decisions of pupils enrolled or aangemeld at the
  school (C-7: the SWV shares the decision with the school of aanmelding or inschrijving, which admits the pupil on
  it) — the receiving school. Its register: those with a TLV number.

Only the decision travels: no application text, no experts' advices, no motivation (C-7: health data go only where
needed, and they are deleted after three years)."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.api.basis import GEWIJZIGD_SINDS, ApiViewMixin, gewijzigd_sinds_q, lees_moment
from portal.api.registry import register_bron, register_scope
from portal.api.snel import SnelLezen
from portal.zaken.models import Besluit

from . import selectors as sel
from .constants import BESLIST, Soort
from .models import Toelaatbaarheidsverklaring
from .toegang import _leerlingen_van_school


def besluiten_q(user) -> Q:
    """``tlv_toegang``'s parts for an organisation's staff, limited to decisions: the SWV's staff see its cases
    (never a draft); the school's IB'er and directeur their own applications and the decided TLVs of their pupils."""
    q = Q(pk__in=[])
    k = user.api_koppeling
    if k.swv_id:
        q |= Q(swv_id=k.swv_id)
    if k.school_id:
        q |= Q(aanvragende_school_id=k.school_id) | _leerlingen_van_school([k.school_id], timezone.localdate())
    return q & Q(status__in=BESLIST)


def gewijzigd_q(moment) -> Q:
    """Changed since ``moment``: the case (its decision, withdrawal, end), or anything in the pupil's dossier (every
    TLV service writes its audit line with the pupil). A superset, never a miss."""
    return gewijzigd_sinds_q(moment, object_type=("tlv.toelaatbaarheidsverklaring", "zaken.zaak"), aangemaakt_veld="geopend_op",
                             leerling_veld="leerling_id")


class BesluitKortSerializer(SnelLezen, serializers.ModelSerializer):
    class Meta:
        model = Besluit
        fields = ["id", "uitkomst", "ondertekend_op", "bekendgemaakt_op"]
        extra_kwargs = {"bekendgemaakt_op": {"help_text": "Vanaf deze dag loopt de bezwaartermijn (C-6)."}}


class TlvBesluitSerializer(SnelLezen, serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="toegekend, afgewezen of verlopen.")
    besluit = serializers.SerializerMethodField(help_text="Het ondertekende besluit.")
    gevraagd_soort = serializers.CharField(source="soort", read_only=True,
                                           help_text="Het gevraagde soort onderwijs: sbo, so, vso of pro.")

    class Meta:
        model = Toelaatbaarheidsverklaring
        fields = ["id", "leerling", "swv", "aanvragende_school", "vorige_school", "ontvangende_school", "status",
                  "gevraagd_soort", "toegekend_soort", "categorie", "ingangsdatum", "schooljaren", "einddatum", "tlv_nummer",
                  "ingediend_op", "ingetrokken_op", "besluit"]
        extra_kwargs = {"tlv_nummer": {"help_text": "Het nummer in het register (C-5); leeg bij een afwijzing."},
                        "einddatum": {"help_text": "De laatste dag dat de TLV geldt."}}

    @extend_schema_field(BesluitKortSerializer(allow_null=True))
    def get_besluit(self, tlv):
        besluit = next(iter(tlv.api_besluiten), None)
        return BesluitKortSerializer.rij(besluit) if besluit is not None else None


class TlvRegisterSerializer(SnelLezen, serializers.ModelSerializer):
    geldig = serializers.SerializerMethodField(help_text="Geldt de TLV vandaag?")

    class Meta:
        model = Toelaatbaarheidsverklaring
        fields = ["id", "tlv_nummer", "leerling", "swv", "aanvragende_school", "toegekend_soort", "categorie",
                  "ingangsdatum", "einddatum", "geldig", "status"]

    def get_geldig(self, tlv) -> bool:
        vandaag = timezone.localdate()
        return bool(tlv.ingangsdatum and tlv.einddatum and tlv.ingangsdatum <= vandaag <= tlv.einddatum
                    and tlv.ingetrokken_op is None)


class _TlvBasis(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "tlv"
    # ASCII digits that fit the database: a case is a child table (its pk a link), out of range is no 404 there
    lookup_value_regex = "[0-9]{1,18}"

    def zichtbaar(self):
        return Toelaatbaarheidsverklaring.objects.filter(besluiten_q(self.request.user))

    def filter_lijst(self, qs):
        if self.action == "list" and (w := self.request.query_params.get("gewijzigd_sinds")) is not None:
            qs = qs.filter(gewijzigd_q(lees_moment(w, "gewijzigd_sinds")))
        return qs

    def retrieve(self, request, *args, **kwargs):
        tlv = self.get_object()
        self.bekeken(tlv, tlv.leerling)
        return Response(self.get_serializer(tlv).data)


@extend_schema_view(
    list=extend_schema(
        summary="TLV-besluiten", parameters=[GEWIJZIGD_SINDS],
        description="De besluiten over toelaatbaarheidsverklaringen (toegekend, afgewezen, verlopen). Voor het "
                    "samenwerkingsverband: zijn besluiten. Voor de school: de besluiten op haar eigen aanvragen en "
                    "die van leerlingen die op de school staan ingeschreven of er zijn aangemeld. Zonder de tekst "
                    "van de aanvraag, de adviezen en de motivering."),
    retrieve=extend_schema(summary="Een TLV-besluit",
                           description="Telt in de audittrail als inzage in het dossier, door het systeem."),
)
class TlvBesluitViewSet(_TlvBasis):
    serializer_class = TlvBesluitSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Toelaatbaarheidsverklaring.objects.none()
        besluiten = Besluit.objects.filter(besluittype="tlv", ondertekend_op__isnull=False,
                                           vervallen_op__isnull=True).order_by("-ondertekend_op", "-pk")
        return self.filter_lijst(self.zichtbaar().prefetch_related(
            Prefetch("besluiten", queryset=besluiten, to_attr="api_besluiten")).order_by("pk"))


GELDIG = OpenApiParameter("geldig", OpenApiTypes.STR, enum=["ja", "nee"],
                          description="ja: alleen wat vandaag geldt; nee: alleen wat niet meer geldt.")
SOORT = OpenApiParameter("soort", OpenApiTypes.STR, enum=Soort.values,
                         description="Alleen TLV's voor dit soort onderwijs.")


@extend_schema_view(
    list=extend_schema(
        summary="Het TLV-register", parameters=[GEWIJZIGD_SINDS, GELDIG, SOORT],
        description="De toegekende TLV's met hun nummer (C-5), de nieuwste eerst. Voor het samenwerkingsverband: "
                    "zijn register, zoals op de pagina. Voor de school: de TLV's van haar leerlingen."),
    retrieve=extend_schema(summary="Een TLV uit het register",
                           description="Telt in de audittrail als inzage in het dossier, door het systeem."),
)
class TlvRegisterViewSet(_TlvBasis):
    serializer_class = TlvRegisterSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Toelaatbaarheidsverklaring.objects.none()
        geldig = soort = ""
        if self.action == "list":
            geldig = self.request.query_params.get("geldig", "")
            soort = self.request.query_params.get("soort", "")
            if geldig not in ("", "ja", "nee"):
                raise ValidationError({"geldig": ["Kies ja of nee."]})
            if soort not in ("", *Soort.values):
                raise ValidationError({"soort": [f"Kies een van: {', '.join(Soort.values)}."]})
        k = self.request.user.api_koppeling
        if k.swv_id:  # the page's register (views.register): the SWV's granted TLVs
            qs = sel.register([k.swv_id], geldig=geldig, soort=soort)
        else:
            qs = sel.register(Toelaatbaarheidsverklaring.objects.filter(besluiten_q(self.request.user))
                              .values("swv_id"), geldig=geldig, soort=soort).filter(besluiten_q(self.request.user))
        return self.filter_lijst(qs.select_related(None))


register_scope("tlv:lezen", "De TLV-besluiten en het TLV-register lezen (samenwerkingsverband: de eigen besluiten; "
                            "school: die van de eigen aanvragen en leerlingen)",
               organisaties={"school", "swv"})
register_bron("tlv-besluiten", TlvBesluitViewSet)
register_bron("tlv-register", TlvRegisterViewSet)
