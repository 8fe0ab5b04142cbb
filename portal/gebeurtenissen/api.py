"""Subscriptions to events through the API (issue #21 §4): ``/api/v1/abonnementen/``.

An organisation's system subscribes itself: the subscription belongs to the client (its ``Koppeling``) that made it;
another client's is a 404. Reading needs ``gebeurtenissen:lezen``, subscribing, changing and stopping
``gebeurtenissen:schrijven``. The signing secret is in the answer to the POST only — never again."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.api.basis import ApiViewMixin
from portal.api.registry import register_bron, register_scope

from .models import Abonnement
from .services import (
    AbonnementFout,
    abonnement_beeindig,
    abonnement_maak,
    abonnement_wijzig,
)
from .soorten import SOORTEN

_SOORTEN_TEKST = ", ".join(SOORTEN)


class AbonnementSerializer(serializers.ModelSerializer):
    url = serializers.CharField(max_length=500, help_text="Waar de berichten heen gaan: https, een openbaar adres.",
                                error_messages={"required": "Dit veld is verplicht.",
                                                "blank": "Vul de URL in waar de berichten heen moeten.",
                                                "max_length": "Deze URL is te lang (hoogstens 500 tekens).",
                                                "invalid": "Geef de URL als tekst."})
    soorten = serializers.ListField(
        child=serializers.CharField(max_length=40, error_messages={"invalid": "Geef elke soort als tekst."}),
        max_length=len(SOORTEN), help_text=f"Een of meer van: {_SOORTEN_TEKST}.",
        error_messages={"required": "Dit veld is verplicht.", "not_a_list": "Geef een lijst van soorten.",
                        "max_length": "Noem elke soort hoogstens één keer."})
    omschrijving = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                         error_messages={"max_length": "Hoogstens 200 tekens.",
                                                         "invalid": "Geef de omschrijving als tekst."})

    class Meta:
        model = Abonnement
        fields = ["id", "url", "soorten", "omschrijving", "aangemaakt_op"]
        read_only_fields = ["id", "aangemaakt_op"]


class NieuwAbonnementSerializer(AbonnementSerializer):
    geheim = serializers.CharField(read_only=True, help_text="Het ondertekengeheim (Standard Webhooks, whsec_…). "
                                                             "Alleen in dit antwoord: bewaar het veilig.")

    class Meta(AbonnementSerializer.Meta):
        fields = [*AbonnementSerializer.Meta.fields, "geheim"]


def _fout(e: AbonnementFout):
    return ValidationError({e.veld or "non_field_errors": [str(e)]})


@extend_schema_view(
    list=extend_schema(summary="Abonnementen op gebeurtenissen",
                       description="De lopende abonnementen van deze koppeling."),
    retrieve=extend_schema(summary="Een abonnement"),
    create=extend_schema(summary="Abonneren op gebeurtenissen", responses={201: NieuwAbonnementSerializer},
                         description="Het portaal stuurt elke gebeurtenis van deze soorten over een zaak die deze "
                                     "organisatie mag zien als CloudEvent (JSON) naar de URL, ondertekend volgens "
                                     "Standard Webhooks. Het antwoord bevat het geheim, alleen deze ene keer."),
    partial_update=extend_schema(summary="Een abonnement wijzigen", description="URL, soorten of omschrijving."),
    destroy=extend_schema(summary="Een abonnement beëindigen", description="Werkt direct; berichten die nog "
                                                                           "wachten, worden niet meer verstuurd."),
)
class AbonnementViewSet(ApiViewMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    scope_basis = "gebeurtenissen"
    serializer_class = AbonnementSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Abonnement.objects.none()
        return Abonnement.objects.filter(koppeling=self.request.user.api_koppeling,
                                         beeindigd_op__isnull=True).order_by("pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        try:
            a, geheim = abonnement_maak(koppeling=request.user.api_koppeling, url=d["url"], soorten=d["soorten"],
                                        omschrijving=d.get("omschrijving", ""), door=request.user)
        except AbonnementFout as e:
            raise _fout(e) from None
        return Response({**AbonnementSerializer(a).data, "geheim": geheim}, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        a = self.get_object()
        serializer = self.get_serializer(a, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        try:
            a = abonnement_wijzig(abonnement=a, door=request.user, url=d.get("url"), soorten=d.get("soorten"),
                                  omschrijving=d.get("omschrijving") if "omschrijving" in request.data else None)
        except AbonnementFout as e:
            raise _fout(e) from None
        return Response(AbonnementSerializer(a).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        a = self.get_object()
        self.bekeken(a)
        return Response(self.get_serializer(a).data)

    def destroy(self, request, *args, **kwargs):
        abonnement_beeindig(abonnement=self.get_object(), door=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


register_scope("gebeurtenissen:lezen", "De eigen abonnementen op gebeurtenissen lezen")
register_scope("gebeurtenissen:schrijven", "Abonneren op gebeurtenissen over de eigen zaken (berichten ontvangen)")
register_bron("abonnementen", AbonnementViewSet)
