"""Reading serializers without DRF's per-instance field building (issue #23 §2: the API's list endpoints).

A ``ModelSerializer`` builds its fields — model introspection, ``deepcopy`` of the declared fields, a dozen keyword
arguments per field — each time an instance is made, and a nested serializer made inside a method field (one per row)
builds them again for every row. ``SnelLezen`` builds them once per class (a prototype instance) and keeps a plan per
field: how to read the value and which bound ``to_representation`` turns it into JSON. The output is the output of
DRF's own ``Serializer.to_representation`` — the same field objects convert the values, ``None`` stays ``None``, a
pk-only relation gives its ``<name>_id`` — and the class, its fields and so the OpenAPI schema are untouched.

Used for reading only (lists and details): writing and validation never go through the plan.

- A ``SerializerMethodField`` calls the method on the serializer at hand (its ``context`` is the request's).
- A nested serializer (``many=True`` or not) of a ``SnelLezen`` class uses that class's plan; its method fields run
  on the prototype, which has no context — a nested serializer whose methods need the request must not use this.
- A nested list prefetched with ``vooraf(naam, queryset)`` is read from the plain list that prefetch left on the row:
  Django's ``Prefetch`` without ``to_attr`` makes a queryset per row (a clone and a filter) only to hold the rows.
- A ``DateTimeField`` as DRF writes it by default (ISO 8601 in the current time zone, ``Z`` for UTC) asks the current
  time zone once per call, not once per value (``get_current_timezone`` goes through asgiref's ``Local``).
- ``Klasse.rij(obj)``: one object through the class's prototype, for a method field that shows another object
  (``Klasse(obj).data`` would make a serializer per row).
"""

from operator import attrgetter

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.manager import BaseManager
from django.utils import timezone
from rest_framework.fields import ISO_8601, DateTimeField, SerializerMethodField, SkipField
from rest_framework.relations import PKOnlyObject, PrimaryKeyRelatedField
from rest_framework.serializers import BaseSerializer, ListSerializer
from rest_framework.settings import api_settings

LIJST = "_api_lijst_"


def vooraf(naam: str, queryset=None) -> Prefetch:
    """``Prefetch(naam, queryset)`` into a plain list that ``SnelLezen`` reads for the nested field ``naam``."""
    return Prefetch(naam, queryset=queryset, to_attr=LIJST + naam)


_METHODE, _PK, _EENVOUDIG, _DATUMTIJD, _GENEST, _GENEST_LIJST, _PAD, _ALGEMEEN = range(8)


def _model(serializer):
    return getattr(getattr(serializer, "Meta", None), "model", None)


def _is_model_attribuut(model, bron: str) -> bool:
    """A concrete (non-relation) model field: ``getattr`` gives the value itself, never a callable or a manager."""
    if model is None:
        return False
    try:
        veld = model._meta.get_field(bron)
    except Exception:  # noqa: BLE001 - not a model field (a property, an annotation): the general path
        return False
    return getattr(veld, "concrete", False) and not veld.is_relation


def _pad(serializer, attrs) -> tuple | None:
    """A dotted source through forward foreign keys to a model field or to a method without arguments
    (``ouder.get_full_name``): the hops, the last name and whether to call it — what DRF's ``get_attribute`` does,
    without its ``inspect.signature`` of the method on every row. None: not such a path (the general path)."""
    import inspect

    model = _model(serializer)
    if model is None or len(attrs) < 2:
        return None
    for hop in attrs[:-1]:
        try:
            veld = model._meta.get_field(hop)
        except Exception:  # noqa: BLE001 - not a field: the general path
            return None
        if not (veld.concrete and (veld.many_to_one or veld.one_to_one)):
            return None
        model = veld.related_model
    laatste = attrs[-1]
    if _is_model_attribuut(model, laatste):
        return tuple(attrs[:-1]), laatste, False
    functie = inspect.getattr_static(model, laatste, None)
    if inspect.isfunction(functie) and len(inspect.signature(functie).parameters) == 1:
        return tuple(attrs[:-1]), laatste, True
    return None


def _plan(serializer) -> list[tuple]:
    plan = []
    for field in serializer._readable_fields:
        naam = field.field_name
        attrs = field.source_attrs
        if isinstance(field, SerializerMethodField):
            plan.append((naam, _METHODE, field.method_name, None))
        elif (isinstance(field, PrimaryKeyRelatedField) and field.pk_field is None and len(attrs) == 1
              and hasattr(getattr(serializer, "Meta", None), "model")):
            attname = serializer.Meta.model._meta.get_field(attrs[0]).attname
            plan.append((naam, _PK, attrgetter(attname), None))
        elif isinstance(field, ListSerializer) and isinstance(field.child, SnelLezen):
            plan.append((naam, _GENEST_LIJST, field, (field.child, LIJST + attrs[0] if len(attrs) == 1 else None)))
        elif isinstance(field, SnelLezen):
            plan.append((naam, _GENEST, field, None))
        elif (not isinstance(field, BaseSerializer) and len(attrs) == 1 and _is_model_attribuut(_model(serializer), attrs[0])):
            if (settings.USE_TZ and type(field) is DateTimeField and not hasattr(field, "timezone")
                    and str(getattr(field, "format", api_settings.DATETIME_FORMAT)).lower() == ISO_8601):
                plan.append((naam, _DATUMTIJD, attrgetter(attrs[0]), field.to_representation))
            else:
                plan.append((naam, _EENVOUDIG, attrgetter(attrs[0]), field.to_representation))
        elif not isinstance(field, BaseSerializer) and (pad := _pad(serializer, attrs)) is not None:
            plan.append((naam, _PAD, pad, field))
        else:
            plan.append((naam, _ALGEMEEN, field, None))
    return plan


class SnelLezen:
    # Mixed into a (Model)Serializer before it: ``to_representation`` from a plan made once per class. No docstring:
    # drf-spectacular takes a serializer's description from the first docstring in its MRO, and the schema must not
    # change.

    @classmethod
    def _snel_plan(cls) -> list[tuple]:
        plan = cls.__dict__.get("_snel_plan_klaar")
        if plan is None:
            cls._snel_prototype = cls()
            plan = _plan(cls._snel_prototype)
            cls._snel_plan_klaar = plan
        return plan

    @classmethod
    def rij(cls, instance) -> dict:
        """``cls(instance).data`` without making a serializer: through the prototype (no context)."""
        cls._snel_plan()
        return cls.__dict__["_snel_prototype"]._snel(instance, _Tijdzone())

    def to_representation(self, instance):
        """As ``Serializer.to_representation``, field by field, in the same order."""
        return self._snel(instance, _Tijdzone())

    def _snel(self, instance, tz):
        ret = {}
        for naam, soort, a, b in self._snel_plan():
            if soort == _EENVOUDIG:
                waarde = a(instance)
                ret[naam] = None if waarde is None else b(waarde)
            elif soort == _DATUMTIJD:
                waarde = a(instance)
                ret[naam] = None if waarde is None else _datumtijd(waarde, tz, b)
            elif soort == _PK:
                ret[naam] = a(instance)
            elif soort == _METHODE:
                ret[naam] = getattr(self, a)(instance)
            elif soort == _PAD and (doel := _volg(instance, a[0])) is not None:
                waarde = getattr(doel, a[1])
                if a[2]:
                    waarde = waarde()
                ret[naam] = None if waarde is None else b.to_representation(waarde)
            elif soort == _GENEST_LIJST and b[1] is not None and b[1] in instance.__dict__:
                rij = b[0]._snel
                ret[naam] = [rij(x, tz) for x in instance.__dict__[b[1]]]
            else:
                try:
                    waarde = (b if soort == _PAD else a).get_attribute(instance)
                except SkipField:
                    continue
                if (waarde.pk if isinstance(waarde, PKOnlyObject) else waarde) is None:
                    ret[naam] = None
                elif soort == _GENEST_LIJST:
                    rijen = waarde.all() if isinstance(waarde, BaseManager) else waarde
                    rij = b[0]._snel
                    ret[naam] = [rij(x, tz) for x in rijen]
                else:
                    ret[naam] = (b if soort == _PAD else a).to_representation(waarde)
        return ret


class _Tijdzone:
    """The current time zone, asked once per call and only when a value needs it."""

    __slots__ = ("tz",)

    def __init__(self):
        self.tz = False

    def __call__(self):
        if self.tz is False:
            self.tz = timezone.get_current_timezone()
        return self.tz


def _datumtijd(waarde, tz, to_representation):
    """``DateTimeField.to_representation`` with the default format and time zone, the zone asked once per call;
    anything unusual (a string, a naive moment, an overflow) through DRF's own, which also raises its errors."""
    if isinstance(waarde, str) or not waarde or timezone.is_naive(waarde):
        return to_representation(waarde)
    try:
        tekst = waarde.astimezone(tz()).isoformat()
    except (OverflowError, TypeError):
        return to_representation(waarde)
    return tekst[:-6] + "Z" if tekst.endswith("+00:00") else tekst


def _volg(obj, hops):
    """Along forward foreign keys; None where one is empty (then DRF's own path decides: None or left out)."""
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return obj

