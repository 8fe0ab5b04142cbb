"""The one audit service (issue #2 §6). Services call it inside their transaction, so an audit line
exists exactly when the change it describes was committed."""

from typing import Any

from django.db import models

from portal.leerlingen.validators import mask_bsn

from .models import Actie, AuditEntry

# Values of these fields are masked before they are stored (BSN) ...
STORED_MASKED = {"bsn": mask_bsn}
# ... and values of these fields are shown only to people entitled to the object (support details).
SENSITIVE_FIELDS: set[str] = {"bsn"}


def register_sensitive_fields(*names: str) -> None:
    """Domain apps name their fields with support or health details (DOMAIN G-1)."""
    SENSITIVE_FIELDS.update(names)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def diff(old: dict, new: dict) -> dict:
    """{field: [old, new]} for the fields that changed, BSN masked."""
    out = {}
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a != b:
            mask = STORED_MASKED.get(key)
            if mask:
                a, b = mask(a or ""), mask(b or "")
            out[key] = [_jsonable(a), _jsonable(b)]
    return out


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    return {f: getattr(obj, f) for f in fields}


def _describe(actor) -> str:
    if actor is None:
        return ""
    parts = [actor.get_full_name() or actor.email]
    lidm = getattr(actor, "lidmaatschappen", [])
    if lidm:
        parts.append(", ".join(f"{m.get_rol_display()}{' ' + m.organisatie if m.organisatie else ''}" for m in lidm))
    return " — ".join(parts)[:300]


def audit_log(
    *,
    actor,
    actie: str,
    obj: models.Model,
    label: str | None = None,
    leerling=None,
    wijzigingen: dict | None = None,
    omschrijving: str = "",
    systeem: bool = False,
) -> AuditEntry:
    """Record that ``actor`` (or the system) did ``actie`` to ``obj``."""
    koppeling = getattr(actor, "api_koppeling", None)
    if koppeling is not None:  # an organisation's system through the API (issue #21 §2): the system, not a person
        actor, systeem = None, True
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_omschrijving=(f"Systeem: {koppeling}"[:300] if koppeling is not None
                            else _describe(actor) if not systeem else "Systeem (termijnbewaker)"),
        systeem=systeem,
        koppeling=koppeling,
        actie=actie,
        omschrijving=omschrijving[:300],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=(label or getattr(obj, "audit_label", None) or f"{obj._meta.verbose_name} #{obj.pk}")[:200],
        leerling=leerling,
        wijzigingen=wijzigingen or {},
    )


def audit_view(*, actor, obj: models.Model, leerling, download: bool = False, omschrijving: str = "") -> AuditEntry:
    """Every view of a pupil's dossier: a detail page or a document download (not list rows)."""
    return audit_log(
        actor=actor, actie=Actie.GEDOWNLOAD if download else Actie.BEKEKEN, obj=obj, leerling=leerling,
        omschrijving=omschrijving,
    )
