"""What every resource view shares (issue #21 §1, §2): the audit line per call of a system, ETags with conditional
GET (304), and the ``gewijzigd_sinds`` filter for synchronisation."""

import hashlib
import json
from datetime import UTC, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status as http
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.audit.models import Actie
from portal.audit.services import audit_log

from .systeem import SysteemGebruiker

GEWIJZIGD_SINDS = OpenApiParameter(
    "gewijzigd_sinds", OpenApiTypes.DATETIME, description="Alleen wat op of na dit moment is gewijzigd (ISO 8601, "
    "bijvoorbeeld 2026-09-01T08:00:00+02:00 of 2026-09-01). Voor synchronisatie: bewaar het moment van uw vorige "
    "verzoek.")


def lees_moment(waarde: str, veld: str) -> datetime:
    """An ISO 8601 moment or date from a query parameter; anything else is a 400 naming the parameter."""
    moment = None
    try:
        moment = parse_datetime(waarde)
        if moment is None and (dag := parse_date(waarde)) is not None:
            moment = datetime.combine(dag, time.min)
    except (ValueError, OverflowError):
        moment = None
    if moment is not None:
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            moment = moment.astimezone(UTC)  # a year 1 or 9999 with an offset overflows here, not in the query
        except (ValueError, OverflowError):
            moment = None
    if moment is None or not 1900 <= moment.year <= 9998:
        raise ValidationError({veld: ["Geef een datum of moment als 2026-09-01 of 2026-09-01T08:00:00+02:00."]})
    return moment


def etag_van(data) -> str:
    inhoud = json.dumps(data, sort_keys=True, default=str, separators=(",", ":")).encode()
    return '"' + hashlib.sha256(inhoud).hexdigest()[:32] + '"'


class ApiViewMixin:
    """Mixed into every viewset of the API.

    - ``gewijzigd_veld``: the model field ``gewijzigd_sinds`` filters on (None: no filter).
    - Each call by a system is one line in the audit trail: as the system, with its client, never as a person;
      a pupil's detail counts as a view of that pupil's dossier. Writes are audited by the service that does them.
    - A GET answered 200 carries an ETag; ``If-None-Match`` with it gives 304 without a body.
    """

    gewijzigd_veld: str | None = None
    _audit_obj = None
    _audit_leerling = None

    def filter_gewijzigd(self, qs):
        waarde = self.request.query_params.get("gewijzigd_sinds")
        if waarde is None or self.gewijzigd_veld is None:
            return qs
        return qs.filter(**{f"{self.gewijzigd_veld}__gte": lees_moment(waarde, "gewijzigd_sinds")})

    def bekeken(self, obj, leerling=None):
        """Name what a detail call showed, for the audit line."""
        self._audit_obj, self._audit_leerling = obj, leerling

    def finalize_response(self, request, response, *args, **kwargs):
        if (request.method in ("GET", "HEAD") and response.status_code == http.HTTP_200_OK
                and isinstance(response, Response) and response.data is not None):
            etag = etag_van(response.data)
            gevraagd = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
            if etag in gevraagd or f"W/{etag}" in gevraagd:
                response = Response(status=http.HTTP_304_NOT_MODIFIED)
            response["ETag"] = etag
        self._audit(request, response)
        return super().finalize_response(request, response, *args, **kwargs)

    def _audit(self, request, response):
        user = getattr(request, "_user", None)
        if not isinstance(user, SysteemGebruiker):
            return
        if request.method not in ("GET", "HEAD") and response.status_code < 400:
            return  # the service wrote its own line, as this system
        koppeling = user.api_koppeling
        gelukt = response.status_code < 400
        audit_log(actor=user, actie=Actie.BEKEKEN if gelukt else Actie.SYSTEEM,
                  obj=self._audit_obj if gelukt and self._audit_obj is not None else koppeling,
                  leerling=self._audit_leerling if gelukt else None,
                  omschrijving=f"API {request.method} {request.path} → {response.status_code}")


def gewijzigd_sinds_q(moment, *, object_type: str | tuple[str, ...], leerling: bool = False, aangemaakt_veld: str | None = None,
                      leerling_veld: str | None = None):
    """Rows changed since ``moment``, read from the audit trail: every write goes through a service that writes an
    audit line in its transaction (issue #2 §6), so the trail knows each change — also one an ``updated_at`` column
    misses (a group's members, a ``save(update_fields=...)``). ``leerling``: the rows are pupils, and a change in the
    pupil's dossier counts too; ``leerling_veld`` (e.g. ``"leerling_id"``): the rows are a pupil's cases, and a change
    anywhere in that pupil's dossier counts (every service of a case writes its audit line with the pupil — a superset,
    never a miss). Views are not changes."""
    from django.db.models import CharField, Exists, OuterRef, Q
    from django.db.models.functions import Cast

    from portal.audit.models import AuditEntry

    wijzigingen = AuditEntry.objects.filter(tijdstip__gte=moment).exclude(
        actie__in=[Actie.BEKEKEN, Actie.GEDOWNLOAD, Actie.INGELOGD])
    soorten = (object_type,) if isinstance(object_type, str) else object_type
    q = Exists(wijzigingen.filter(object_type__in=soorten, object_id=Cast(OuterRef("pk"), CharField())))
    if leerling:
        q |= Exists(wijzigingen.filter(leerling=OuterRef("pk")))
    if leerling_veld:
        q |= Exists(wijzigingen.filter(leerling_id=OuterRef(leerling_veld)))
    if aangemaakt_veld:
        q |= Q(**{f"{aangemaakt_veld}__gte": moment})
    return q
