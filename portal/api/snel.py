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
"""

from operator import attrgetter

from django.db.models import Prefetch
from django.db.models.manager import BaseManager
from rest_framework.fields import SerializerMethodField, SkipField
from rest_framework.relations import PKOnlyObject, PrimaryKeyRelatedField
from rest_framework.serializers import BaseSerializer, ListSerializer

LIJST = "_api_lijst_"


def vooraf(naam: str, queryset=None) -> Prefetch:
    """``Prefetch(naam, queryset)`` into a plain list that ``SnelLezen`` reads for the nested field ``naam``."""
    return Prefetch(naam, queryset=queryset, to_attr=LIJST + naam)


_METHODE, _PK, _EENVOUDIG, _GENEST, _GENEST_LIJST, _ALGEMEEN = range(6)


def _is_model_attribuut(serializer, bron: str) -> bool:
    """A concrete (non-relation) model field: ``getattr`` gives the value itself, never a callable or a manager."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    if model is None:
        return False
    try:
        veld = model._meta.get_field(bron)
    except Exception:  # noqa: BLE001 - not a model field (a property, an annotation): the general path
        return False
    return getattr(veld, "concrete", False) and not veld.is_relation


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
        elif (not isinstance(field, BaseSerializer) and len(attrs) == 1 and _is_model_attribuut(serializer, attrs[0])):
            plan.append((naam, _EENVOUDIG, attrgetter(attrs[0]), field.to_representation))
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
            plan = _plan(cls())
            cls._snel_plan_klaar = plan
        return plan

    def to_representation(self, instance):
        """As ``Serializer.to_representation``, field by field, in the same order."""
        ret = {}
        for naam, soort, a, b in self._snel_plan():
            if soort == _EENVOUDIG:
                waarde = a(instance)
                ret[naam] = None if waarde is None else b(waarde)
            elif soort == _PK:
                ret[naam] = a(instance)
            elif soort == _METHODE:
                ret[naam] = getattr(self, a)(instance)
            elif soort == _GENEST_LIJST and b[1] is not None and b[1] in instance.__dict__:
                rij = b[0].to_representation
                ret[naam] = [rij(x) for x in instance.__dict__[b[1]]]
            else:
                try:
                    waarde = a.get_attribute(instance)
                except SkipField:
                    continue
                if (waarde.pk if isinstance(waarde, PKOnlyObject) else waarde) is None:
                    ret[naam] = None
                elif soort == _GENEST_LIJST:
                    rijen = waarde.all() if isinstance(waarde, BaseManager) else waarde
                    rij = b[0].to_representation
                    ret[naam] = [rij(x) for x in rijen]
                else:
                    ret[naam] = a.to_representation(waarde)
        return ret

