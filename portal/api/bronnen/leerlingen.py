"""Pupils, groups, enrolments and the people with gezag (issue #21 §1), for a school's own system.

What a school's client sees is what its IB'er and directeur see in the pages (``Leerling.objects.for_user``): the
pupils with an enrolment at that school that has not ended. Another school's pupil is a 404, as in the pages. Writes
(pupils with their enrolment and their parents' e-mail, ending an enrolment, groups) go through
``portal.leerlingen.services`` — the same checks, the same Dutch messages, the same audit line, recorded as the school's
system. A pupil is found again by BSN, else by the school's own ``leerlingnummer``; a PUT that says what the portal
already has changes nothing and writes no audit line. A parent's e-mail is an invitation, never a link: the parent
accepts it and the school's IB'er or directeur confirms it, as in the pages (issue #2 §4)."""

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.leerlingen.models import Gezag, Groep, Inschrijving, Leerling, Leerlingnummer, schooljaar_van
from portal.leerlingen.services import (
    GroepFout,
    LeerlingFout,
    groep_bewaar,
    inschrijving_beeindig,
    leerling_synchroniseer,
)

from ..basis import GEWIJZIGD_SINDS, ApiViewMixin, gewijzigd_sinds_q, lees_moment
from ..paginering import met_ids
from ..registry import register_bron, register_scope
from ..snel import SnelLezen, vooraf


def _actief_q(prefix: str = "") -> Q:
    vandaag = timezone.localdate()
    return Q(**{f"{prefix}tot__isnull": True}) | Q(**{f"{prefix}tot__gte": vandaag})


def leerlingen_van(school_id):
    """The pupils a school's IB'er and directeur see (LeerlingQuerySet.for_user): an enrolment here not ended."""
    return Leerling.objects.filter(
        pk__in=Inschrijving.objects.filter(_actief_q(), school_id=school_id).values("leerling_id"))


def leerling_ids_van(school_id) -> list[int]:
    """``leerlingen_van``'s ids in order, once per version of the school and per day (issue #23 §2: access once per
    reader, also for the API). Which pupils have an enrolment here that has not ended changes only with an
    enrolment of this school — every write of one (also the delete of a pupil, which deletes its enrolments) bumps
    ``org:school:<id>`` (portal.zaken.versie) — and with the date (an enrolment that ends yesterday)."""
    from portal.basis.versie import deel, versie

    vandaag = timezone.localdate()
    return deel(f"api-leerlingen:{school_id}", f"{versie(f'org:school:{school_id}')}:{vandaag.isoformat()}",
                lambda: list(Leerling.objects.filter(pk__in=Inschrijving.objects.filter(
                    Q(tot__isnull=True) | Q(tot__gte=vandaag), school_id=school_id).values("leerling_id"))
                    .order_by("pk").values_list("pk", flat=True)))


class InschrijvingSerializer(SnelLezen, serializers.ModelSerializer):
    class Meta:
        model = Inschrijving
        fields = ["id", "van", "tot", "soort"]


class GezagSerializer(SnelLezen, serializers.ModelSerializer):
    naam = serializers.CharField(source="ouder.get_full_name", read_only=True)
    email = serializers.EmailField(source="ouder.email", read_only=True, help_text="Het contactadres van de ouder.")

    class Meta:
        model = Gezag
        fields = ["naam", "email", "verklaring_op"]


class LeerlingSerializer(SnelLezen, serializers.ModelSerializer):
    inschrijvingen = serializers.SerializerMethodField(help_text="Inschrijvingen op deze school.")
    groepen = serializers.SerializerMethodField(help_text="De groepen op deze school (ids).")
    gezag = GezagSerializer(many=True, read_only=True, help_text="Ouders met gezag, met hun contactadres.")

    class Meta:
        model = Leerling
        fields = ["id", "voornamen", "roepnaam", "tussenvoegsel", "achternaam", "geboortedatum", "bsn",
                  "leerlingnummer", "inschrijvingen", "groepen", "gezag"]

    leerlingnummer = serializers.SerializerMethodField(help_text="Het nummer in de leerlingadministratie van de "
                                                                 "school (leeg als de school het niet gaf).")

    @extend_schema_field(serializers.CharField())
    def get_leerlingnummer(self, leerling):
        return getattr(leerling, "hier_nummer", None) or ""

    @extend_schema_field(InschrijvingSerializer(many=True))
    def get_inschrijvingen(self, leerling):
        return [InschrijvingSerializer.rij(i) for i in leerling.hier_ingeschreven]  # no serializer per pupil

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_groepen(self, leerling):
        return [g.pk for g in leerling.hier_groepen]


def _nl(**extra) -> dict:
    """DRF's own messages in Dutch (its catalogue is not installed: the pages' words, issue #21)."""
    return {"required": "Dit veld is verplicht.", "null": "Dit veld is verplicht.", "blank": "Dit veld is verplicht.",
            "invalid": "Deze waarde is niet geldig.", "max_length": "Gebruik ten hoogste {max_length} tekens.",
            "not_a_list": "Geef een lijst.", **extra}


_DATUM = _nl(invalid="Vul een geldige datum in, bijvoorbeeld 2016-08-24.", datetime="Geef een datum zonder tijd.")


def _tekst(*, meldingen: dict | None = None, **kwargs):
    return serializers.CharField(max_length=500, error_messages=_nl(**(meldingen or {})), **kwargs)


class LeerlingSchrijfSerializer(serializers.Serializer):
    # The docstring is the schema's description of this request body (Dutch, as the API's documentation).
    """Een leerling zoals de leerlingadministratie van de school die kent. Namen, geboortedatum en BSN worden
    gecontroleerd zoals op de pagina's, met dezelfde meldingen; de ``ouders`` krijgen een uitnodiging om het gezag te
    bevestigen (nooit meteen gekoppeld)."""

    default_error_messages = {"invalid": "Stuur een JSON-object met de gegevens van de leerling."}

    voornamen = _tekst(allow_blank=True)
    roepnaam = _tekst(allow_blank=True, required=False, default="")
    tussenvoegsel = _tekst(allow_blank=True, required=False, default="")
    achternaam = _tekst(allow_blank=True)
    geboortedatum = serializers.DateField(error_messages=_DATUM | {
        "required": "Vul de geboortedatum in: dag, maand en jaar.", "null": "Vul de geboortedatum in: dag, maand en jaar."})
    bsn = _tekst(allow_blank=True, required=False, default="", help_text="Burgerservicenummer (9 cijfers). Leeg laat "
                                                                         "een bekend BSN staan.")
    leerlingnummer = _tekst(meldingen={"blank": "Vul het leerlingnummer uit de leerlingadministratie in.",
                                       "required": "Vul het leerlingnummer uit de leerlingadministratie in."},
                            help_text="Het nummer in de leerlingadministratie van de school (ParnasSys, Magister, "
                                      "Somtoday, ESIS): zo vindt het portaal de leerling terug, ook zonder BSN, en "
                                      "verandert dezelfde invoer nog eens niets.")
    ingeschreven_vanaf = serializers.DateField(required=False, allow_null=True, default=None, error_messages=_DATUM,
                                               help_text="Alleen voor een nieuwe inschrijving; leeg: vandaag.")
    groep = _tekst(allow_blank=True, required=False, default="",
                   help_text="De groep van dit schooljaar (bijvoorbeeld 'groep 5b'); leeg laat de groepen zoals ze zijn.")
    ouders = serializers.ListField(
        child=serializers.CharField(max_length=254, error_messages=_nl()), max_length=2, required=False, default=list,
        error_messages=_nl(max_length="Geef ten hoogste 2 e-mailadressen."),
        help_text="E-mailadressen van ouders met gezag. Elke ouder krijgt een uitnodiging; de ouder neemt die aan en de "
                  "school bevestigt de koppeling.")


class UitschrijvenSerializer(serializers.Serializer):
    default_error_messages = {"invalid": "Stuur een JSON-object met de laatste dag (tot)."}
    tot = serializers.DateField(error_messages=_DATUM, help_text="De laatste dag van de inschrijving.")


def _velden(fout: LeerlingFout) -> dict:
    return {(k or "non_field_errors"): v for k, v in fout.velden.items()}


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
    create=extend_schema(
        summary="Een leerling vastleggen of bijwerken", request=LeerlingSchrijfSerializer,
        responses={201: LeerlingSerializer, 200: LeerlingSerializer},
        description="Zoekt de leerling op BSN, anders op het leerlingnummer van de school; maakt een nieuwe leerling "
                    "(201) of werkt de bestaande bij (200). Schrijft de leerling in op deze school als er geen lopende "
                    "inschrijving is, zet de leerling in de groep, en nodigt elke ouder uit om het gezag te bevestigen. "
                    "Dezelfde invoer nog eens verandert niets."),
    update=extend_schema(
        summary="Een leerling bijwerken", request=LeerlingSchrijfSerializer, responses={200: LeerlingSerializer},
        description="Met dezelfde controles en meldingen als de pagina's. Dezelfde invoer nog eens verandert niets en "
                    "schrijft geen regel in de audittrail."),
)
class LeerlingViewSet(ApiViewMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    scope_basis = "leerlingen"
    serializer_class = LeerlingSerializer
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_serializer_class(self):
        if self.action in ("create", "update"):
            return LeerlingSchrijfSerializer
        if self.action == "uitschrijven":
            return UitschrijvenSerializer
        return LeerlingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Leerling.objects.none()
        school_id = next(iter(self.request.user.school_ids()), None)
        params = self.request.query_params
        if self.action == "list" and "gewijzigd_sinds" not in params and school_id is not None:
            # the whole list: its ids kept per version, the page read by its ids (portal.api.paginering.met_ids)
            return met_ids(self._leerlingen(leerlingen_van(school_id), school_id), leerling_ids_van(school_id))
        qs = self._leerlingen(leerlingen_van(school_id), school_id)
        if self.action == "list" and (w := params.get("gewijzigd_sinds")) is not None:
            qs = qs.filter(gewijzigd_sinds_q(lees_moment(w, "gewijzigd_sinds"), object_type="leerlingen.leerling",
                                             leerling=True, aangemaakt_veld="aangemaakt_op"))
        return qs

    @staticmethod
    def _leerlingen(qs, school_id):
        """What a pupil of the list shows: this school's enrolments, groups and number, the parents with gezag."""
        return qs.prefetch_related(
            Prefetch("inschrijvingen", to_attr="hier_ingeschreven",
                     queryset=Inschrijving.objects.filter(school_id=school_id).order_by("-van", "pk")),
            Prefetch("groepen", to_attr="hier_groepen", queryset=Groep.objects.filter(school_id=school_id).order_by("pk")),
            vooraf("gezag", Gezag.objects.select_related("ouder").order_by("pk")),
        ).annotate(hier_nummer=Subquery(Leerlingnummer.objects.filter(school_id=school_id, leerling=OuterRef("pk"))
                                        .values("nummer")[:1])).order_by("pk")

    def retrieve(self, request, *args, **kwargs):
        leerling = self.get_object()
        self.bekeken(leerling, leerling)
        return Response(self.get_serializer(leerling).data)

    def _school(self):
        from portal.organisaties.models import School

        return School.objects.get(pk=next(iter(self.request.user.school_ids())))

    def _synchroniseer(self, leerling=None):
        serializer = self.get_serializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        d = dict(serializer.validated_data)
        extra = {k: d.pop(k) for k in ("ingeschreven_vanaf", "groep", "ouders")}
        try:
            uit = leerling_synchroniseer(school=self._school(), door=self.request.user, gegevens=d, leerling=leerling,
                                         ingeschreven_vanaf=extra["ingeschreven_vanaf"], groep=extra["groep"],
                                         ouder_emails=extra["ouders"])
        except LeerlingFout as e:
            raise ValidationError(_velden(e)) from None
        return uit, LeerlingSerializer(self.get_queryset().get(pk=uit.leerling.pk)).data

    def create(self, request, *args, **kwargs):
        uit, data = self._synchroniseer()
        return Response(data, status=status.HTTP_201_CREATED if uit.nieuw else status.HTTP_200_OK)

    def update(self, request, *args, **kwargs):
        uit, data = self._synchroniseer(self.get_object())
        return Response(data)

    @extend_schema(summary="Een inschrijving beëindigen", request=UitschrijvenSerializer,
                   responses={200: InschrijvingSerializer(many=True)},
                   description="Beëindigt de lopende inschrijving op deze school op de laatste dag ``tot``. Daarna "
                               "staat de leerling niet meer in de lijst van de school.")
    @action(detail=True, methods=["post"])
    def uitschrijven(self, request, pk=None):
        leerling = self.get_object()
        serializer = UitschrijvenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        tot = serializer.validated_data["tot"]
        school_id = next(iter(request.user.school_ids()))
        lopend = list(Inschrijving.objects.filter(_actief_q(), leerling=leerling, school_id=school_id))
        try:
            with transaction.atomic():
                for ins in lopend:
                    inschrijving_beeindig(inschrijving=ins, door=request.user, tot=tot)
        except LeerlingFout as e:
            raise ValidationError(_velden(e)) from None
        return Response(InschrijvingSerializer(Inschrijving.objects.filter(leerling=leerling, school_id=school_id)
                                               .order_by("-van", "pk"), many=True).data)


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
register_scope("leerlingen:schrijven", "Leerlingen, inschrijvingen, ouders (uitnodigingen) en groepen van de eigen "
               "school bijhouden", organisaties={"school"})
register_bron("leerlingen", LeerlingViewSet)
register_bron("groepen", GroepViewSet)
