"""Pupils, groups, enrolments and the people with gezag (issue #21 §1), for a school's own system.

What a school's client sees is what its IB'er and directeur see in the pages (``Leerling.objects.for_user``): the
pupils with an enrolment at that school that has not ended. Another school's pupil is a 404, as in the pages. Writes
(groups) go through ``portal.leerlingen.services`` — the same checks, the same Dutch messages, the same audit line,
recorded as the school's system."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.leerlingen.models import Gezag, Groep, Inschrijving, Leerling, schooljaar_van
from portal.leerlingen.services import GroepFout, groep_bewaar

from ..basis import GEWIJZIGD_SINDS, ApiViewMixin, gewijzigd_sinds_q, lees_moment
from ..registry import register_bron, register_scope


def _actief_q(prefix: str = "") -> Q:
    vandaag = timezone.localdate()
    return Q(**{f"{prefix}tot__isnull": True}) | Q(**{f"{prefix}tot__gte": vandaag})


def leerlingen_van(school_id):
    """The pupils a school's IB'er and directeur see (LeerlingQuerySet.for_user): an enrolment here not ended."""
    return Leerling.objects.filter(
        pk__in=Inschrijving.objects.filter(_actief_q(), school_id=school_id).values("leerling_id"))


class InschrijvingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Inschrijving
        fields = ["id", "van", "tot", "soort"]


class GezagSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="ouder.get_full_name", read_only=True)
    email = serializers.EmailField(source="ouder.email", read_only=True, help_text="Het contactadres van de ouder.")

    class Meta:
        model = Gezag
        fields = ["naam", "email", "verklaring_op"]


class LeerlingSerializer(serializers.ModelSerializer):
    inschrijvingen = serializers.SerializerMethodField(help_text="Inschrijvingen op deze school.")
    groepen = serializers.SerializerMethodField(help_text="De groepen op deze school (ids).")
    gezag = GezagSerializer(many=True, read_only=True, help_text="Ouders met gezag, met hun contactadres.")

    class Meta:
        model = Leerling
        fields = ["id", "voornamen", "roepnaam", "tussenvoegsel", "achternaam", "geboortedatum", "bsn",
                  "inschrijvingen", "groepen", "gezag"]

    @extend_schema_field(InschrijvingSerializer(many=True))
    def get_inschrijvingen(self, leerling):
        return InschrijvingSerializer(leerling.hier_ingeschreven, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_groepen(self, leerling):
        return [g.pk for g in leerling.hier_groepen]


class GroepSerializer(serializers.ModelSerializer):
    leerlingen = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**62), max_length=500,
                                       required=False, default=list, help_text="Ids van leerlingen van deze school.")

    class Meta:
        model = Groep
        fields = ["id", "naam", "schooljaar", "leerlingen"]
        read_only_fields = ["id"]
        # the service checks the school year and the name, with the page's messages; a missing name is the form's
        extra_kwargs = {"naam": {"validators": [], "error_messages": {"required": "Dit veld is verplicht.",
                                                                      "blank": "Geef de groep een naam."}},
                        "schooljaar": {"validators": [], "required": False}}

    def to_representation(self, groep):
        return {"id": groep.pk, "naam": groep.naam, "schooljaar": groep.schooljaar,
                "leerlingen": sorted(x.pk for x in groep.leerlingen.all())}


SCHOOLJAAR = OpenApiParameter("schooljaar", OpenApiTypes.STR, description="Alleen dit schooljaar, bijvoorbeeld 2026-2027.")

# The service's messages, at the field they are about (the same words as on the page).
_VELD_VAN = {
    "Geef de groep een naam.": "naam",
    "Er is al een groep met deze naam in dit schooljaar.": "naam",
    "Schrijf het schooljaar als 2025-2026.": "schooljaar",
    "Een groep bevat alleen leerlingen die op deze school staan ingeschreven.": "leerlingen",
}


@extend_schema_view(
    list=extend_schema(summary="Leerlingen van de school", parameters=[GEWIJZIGD_SINDS],
                       description="De leerlingen met een lopende inschrijving op de school van deze koppeling, met "
                                   "groepen, inschrijvingen en ouders met gezag (met e-mailadres)."),
    retrieve=extend_schema(summary="Een leerling", description="Telt in de audittrail als inzage in het dossier, "
                                                               "door het systeem van de school."),
)
class LeerlingViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "leerlingen"
    serializer_class = LeerlingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Leerling.objects.none()
        school_id = next(iter(self.request.user.school_ids()), None)
        qs = leerlingen_van(school_id).prefetch_related(
            Prefetch("inschrijvingen", to_attr="hier_ingeschreven",
                     queryset=Inschrijving.objects.filter(school_id=school_id).order_by("-van", "pk")),
            Prefetch("groepen", to_attr="hier_groepen", queryset=Groep.objects.filter(school_id=school_id).order_by("pk")),
            Prefetch("gezag", queryset=Gezag.objects.select_related("ouder").order_by("pk")),
        ).order_by("pk")
        if self.action == "list" and (w := self.request.query_params.get("gewijzigd_sinds")) is not None:
            qs = qs.filter(gewijzigd_sinds_q(lees_moment(w, "gewijzigd_sinds"), object_type="leerlingen.leerling",
                                             leerling=True, aangemaakt_veld="aangemaakt_op"))
        return qs

    def retrieve(self, request, *args, **kwargs):
        leerling = self.get_object()
        self.bekeken(leerling, leerling)
        return Response(self.get_serializer(leerling).data)


@extend_schema_view(
    list=extend_schema(summary="Groepen van de school", parameters=[GEWIJZIGD_SINDS, SCHOOLJAAR],
                       description="De groepen (klassen) van de school van deze koppeling, per schooljaar."),
    retrieve=extend_schema(summary="Een groep", description="Met de ids van haar leerlingen."),
    create=extend_schema(summary="Een groep maken", description="Met dezelfde controles en meldingen als de pagina."),
    update=extend_schema(summary="Een groep wijzigen", description="Naam, schooljaar en leerlingen; de leerkrachten "
                                                                   "blijven zoals ze zijn."),
)
class GroepViewSet(ApiViewMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "leerlingen"
    serializer_class = GroepSerializer
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Groep.objects.none()
        school_id = next(iter(self.request.user.school_ids()), None)
        qs = (Groep.objects.filter(school_id=school_id)
              .prefetch_related(Prefetch("leerlingen", queryset=Leerling.objects.only("pk")))
              .order_by("-schooljaar", "naam", "pk"))
        if self.action == "list":
            if (jaar := self.request.query_params.get("schooljaar")) is not None:
                qs = qs.filter(schooljaar=jaar)
            if (w := self.request.query_params.get("gewijzigd_sinds")) is not None:
                qs = qs.filter(gewijzigd_sinds_q(lees_moment(w, "gewijzigd_sinds"), object_type="leerlingen.groep",
                                                 aangemaakt_veld="aangemaakt_op"))
        return qs

    def _bewaar(self, serializer, groep=None):
        from portal.organisaties.models import School

        school = School.objects.get(pk=next(iter(self.request.user.school_ids())))
        ids = serializer.validated_data.get("leerlingen", [])
        leerlingen = list(Leerling.objects.filter(pk__in=ids))
        try:
            if len(leerlingen) != len(set(ids)):  # an unknown id: the same message as a pupil of another school
                raise GroepFout("Een groep bevat alleen leerlingen die op deze school staan ingeschreven.")
            return groep_bewaar(school=school, door=self.request.user, naam=serializer.validated_data["naam"],
                                schooljaar=serializer.validated_data.get("schooljaar") or schooljaar_van(),
                                leerlingen=leerlingen,
                                leerkrachten=list(groep.leerkrachten.all()) if groep is not None else [], groep=groep)
        except GroepFout as e:
            raise ValidationError({_VELD_VAN.get(str(e), "non_field_errors"): [str(e)]}) from None

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        groep = self._bewaar(serializer)
        return Response(self.get_serializer(Groep.objects.get(pk=groep.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        groep = self.get_object()
        serializer = self.get_serializer(groep, data=request.data)
        serializer.is_valid(raise_exception=True)
        groep = self._bewaar(serializer, groep)
        return Response(self.get_serializer(Groep.objects.get(pk=groep.pk)).data)


register_scope("leerlingen:lezen", "Leerlingen, groepen, inschrijvingen en ouders met gezag van de eigen school lezen",
               organisaties={"school"})
register_scope("leerlingen:schrijven", "Groepen van de eigen school bijhouden", organisaties={"school"})
register_bron("leerlingen", LeerlingViewSet)
register_bron("groepen", GroepViewSet)
