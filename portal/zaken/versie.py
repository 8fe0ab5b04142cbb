"""Which version a change moves (issue #23 §1): generic, so no write service can forget it.

Every model of the portal and its apps is followed (except the ones in ``NIET_GEVOLGD``, written by reading or
logging in). A saved, deleted or bulk-created row, an ``update()`` of a queryset and a change of a many-to-many
relation bump:

* ``leerling:<id>`` of each pupil the row belongs to, found by following its foreign keys (a clock → its case →
  the pupil; an OPP goal → its version → the OPP → the pupil), up to three steps;
* ``org:<soort>:<id>`` of the organisations on the row and on its case (school, SWV, bestuur, gemeente);
* ``user:<id>`` of each account on the row (not its author, ``door``) — a gezag link, a share, a membership change
  what the user may read;
  a change to the family of a pupil (gezag, representation, inzage, the pupil itself) also bumps the accounts of
  the whole family (a curator appointed for an adult pupil changes what the parents read);
* ``alles`` when the row belongs to no pupil (a school's holidays, an equalised day, an SWV's settings): rare
  changes that every page may show.

Reading a page must not bump (it would empty the cache on every view): the audit trail and the other logs are not
followed. ``tests/test_versie.py`` runs every public write service of the core and the apps and checks that the
version moved.
"""

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from portal.basis.versie import bump

# not followed, each with its reason: written while reading or logging in, or logs and queues no page of a pupil shows
NIET_GEVOLGD = {
    "audit.AuditEntry": "the audit trail: every read of a pupil's page writes a line",
    "meldingen.Notification": "a notification to one account; the pages of a pupil do not show it",
    "meldingen.OutboxEmail": "the mail queue, written with a notification",
    "gebeurtenissen.Bericht": "an event for subscribed systems, written after the change that bumped",
    "gebeurtenissen.Aflevering": "the delivery of an event to a subscribed system",
    "gebeurtenissen.Abonnement": "a subscription of a connected system; no page of a pupil",
    "sso.OuderKoppeling": "written at every login through single sign-on (last used)",
    "zaken.Inzending": "the once-only token of a submitted form, written at every submit",
    "termijnen.SweepRun": "the heartbeat of the deadline worker; its clock changes bump themselves",
    "accounts.TweestapsUitnodiging": "an invitation to set up the second factor",
    "invoer.Invoer": "the progress of an import; the pupils and enrolments it writes bump themselves",
    "invoer.InvoerRij": "a row of an import; what it applies bumps itself",
}
ORG_SOORTEN = {"organisaties.School": "school", "organisaties.Samenwerkingsverband": "swv",
               "organisaties.Bestuur": "bestuur", "organisaties.Gemeente": "gemeente"}
# a change to these changes who reads a pupil's file: the accounts of the whole family are bumped
FAMILIE = {"leerlingen.Leerling", "leerlingen.Gezag", "leerlingen.Vertegenwoordiging", "leerlingen.InzageOuder",
           "leerlingen.GezagUitnodiging"}
DIEPTE = 3

_PADEN: dict[type, "Paden"] = {}


class Paden:
    """Per model: the lookups from a row to its pupils, organisations and accounts."""

    def __init__(self, model):
        self.leerling: list[str] = []
        self.org: list[tuple[str, str]] = []  # (lookup, soort)
        self.user: list[str] = []
        label = model._meta.label
        if label == "leerlingen.Leerling":
            self.leerling = ["pk"]
        for f in model._meta.concrete_fields:
            if not f.is_relation or f.many_to_many:
                continue
            doel = f.related_model._meta.label
            if doel in ORG_SOORTEN:
                self.org.append((f.attname, ORG_SOORTEN[doel]))
            elif doel == "accounts.User" and (label in FAMILIE or not f.name.endswith("door")):
                # an account on the row, except who wrote it (``door``, ``aangemaakt_door``: their own pages do not
                # change by it); on a family row every account counts (``geaccepteerd_door`` of a gezag invitation)
                self.user.append(f.attname)
        if not self.leerling:
            self.leerling, zaak_paden = _zoek(model)
            for p in zaak_paden:
                self.org += [(f"{p}__school_id", "school"), (f"{p}__swv_id", "swv")]
        self.familie = label in FAMILIE
        self.direct = all("__" not in p for p in self.leerling + [o for o, _s in self.org])

    def alle(self) -> list[str]:
        return self.leerling + [o for o, _s in self.org] + self.user


def _zoek(model) -> tuple[list[str], list[str]]:
    """The shortest foreign-key paths to a pupil (``leerling_id``, ``zaak__leerling_id``), and those through a case."""
    Leerling = apps.get_model("leerlingen", "Leerling")
    Zaak = apps.get_model("zaken", "Zaak")
    laag = [("", model)]
    for _stap in range(DIEPTE):
        gevonden, volgende = [], []
        for pad, m in laag:
            for f in m._meta.concrete_fields:
                if not f.is_relation or f.many_to_many or f.related_model is None or f.name.endswith("_ptr"):
                    continue
                doel = f.related_model
                if doel is Leerling:
                    gevonden.append(f"{pad}__{f.attname}" if pad else f.attname)
                elif doel._meta.label not in ORG_SOORTEN and doel._meta.label != "accounts.User":
                    volgende.append((f"{pad}__{f.name}" if pad else f.name, doel))
        if gevonden:
            # the cases on this layer: their school and SWV (a case's own are on its row: org above)
            return sorted(set(gevonden)), [pad for pad, m in laag if pad and issubclass(m, Zaak)]
        laag = volgende
    return [], []


def paden(model) -> Paden:
    p = _PADEN.get(model)
    if p is None:
        p = _PADEN[model] = Paden(model)
    return p


def gevolgd(model) -> bool:
    uit = _GEVOLGD.get(model)
    if uit is None:
        meta = model._meta
        naam = apps.get_app_config(meta.app_label).name
        uit = _GEVOLGD[model] = (meta.label not in NIET_GEVOLGD and not meta.auto_created
                                 and (naam.startswith("portal.") or naam in DOMEIN_APPS))
    return uit


_GEVOLGD: dict[type, bool] = {}


DOMEIN_APPS = {"aanmelding", "opp", "tlv", "ondersteuning", "geschillen", "thuiszitters"}


# --- what to bump ------------------------------------------------------------------------------------------------

def _sleutels(model, rijen: list[dict]) -> set[str]:
    p = paden(model)
    uit: set[str] = set()
    leerlingen = set()
    for rij in rijen:
        for lk in p.leerling:
            if rij.get(lk):
                leerlingen.add(rij[lk])
        for lk, soort in p.org:
            if rij.get(lk):
                uit.add(f"org:{soort}:{rij[lk]}")
        for lk in p.user:
            if rij.get(lk):
                uit.add(f"user:{rij[lk]}")
    uit |= {f"leerling:{i}" for i in leerlingen}
    if model._meta.label == "accounts.User":
        return {f"user:{r['pk']}" for r in rijen if r.get("pk")}
    if not leerlingen:
        uit.add("alles")
    if p.familie and leerlingen:
        uit |= _familie(leerlingen)
    return uit


def _familie(leerling_ids) -> set[str]:
    """The accounts that read a pupil as family: parents with gezag, parents given inzage, representatives, the pupil
    (one query)."""
    from portal.leerlingen.models import Gezag, InzageOuder, Leerling, Vertegenwoordiging

    ids = set(Gezag.objects.filter(leerling_id__in=leerling_ids).order_by().values_list("ouder_id", flat=True).union(
        InzageOuder.objects.filter(leerling_id__in=leerling_ids).order_by().values_list("ouder_id", flat=True),
        Vertegenwoordiging.objects.filter(leerling_id__in=leerling_ids).order_by()
        .values_list("vertegenwoordiger_id", flat=True),
        Leerling.objects.filter(pk__in=leerling_ids, account__isnull=False).order_by()
        .values_list("account_id", flat=True)))
    return {f"user:{i}" for i in ids if i}


_ONBEKEND = object()


def _lees_pad(obj, pad: str):
    """``zaak__leerling_id`` read from the related objects the row already holds (``Clock(zaak=zaak)``), or _ONBEKEND."""
    *stappen, veld = pad.split("__")
    for stap in stappen:
        obj = obj._state.fields_cache.get(stap, _ONBEKEND) if obj is not None else None
        if obj is _ONBEKEND:
            return _ONBEKEND
    return getattr(obj, veld, None) if obj is not None else None


def _rijen_van_objecten(model, objs) -> list[dict]:
    p = paden(model)
    if p.direct:
        return [{lk: (o.pk if lk == "pk" else getattr(o, lk, None)) for lk in p.alle()} | {"pk": o.pk} for o in objs]
    rijen, vragen = [], []
    for o in objs:
        rij = {lk: _lees_pad(o, lk) for lk in p.alle()}
        (vragen.append(o) if _ONBEKEND in rij.values() else rijen.append(rij))
    pks = [o.pk for o in vragen if o.pk is not None]
    if pks:  # one query for the rows whose related objects are not at hand
        rijen += _rijen_van_queryset(model._base_manager.filter(pk__in=pks))
        # the row's own fields as they are now (a delete reads before; a save after)
        rijen += [{lk: getattr(o, lk, None) for lk in p.user + [o_ for o_, _s in p.org if "__" not in o_]}
                  for o in vragen]
    return rijen


def _rijen_van_queryset(qs) -> list[dict]:
    p = paden(qs.model)
    velden = list(dict.fromkeys(["pk", *p.alle()]))
    return list(qs.values(*velden))


def bump_objecten(model, objs) -> None:
    if objs:
        bump(*_sleutels(model, _rijen_van_objecten(model, objs)))


# --- signals and the writes that send none -------------------------------------------------------------------------

def _na_opslaan(sender, instance, raw=False, **kwargs):
    bump_objecten(sender, [instance])


def _voor_verwijderen(sender, instance, **kwargs):
    # before: a row reached through its case cannot be followed once it is gone
    if not paden(sender).direct:
        bump_objecten(sender, [instance])


def _na_verwijderen(sender, instance, **kwargs):
    if paden(sender).direct:
        bump_objecten(sender, [instance])


def _m2m(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if gevolgd(type(instance)):
        bump_objecten(type(instance), [instance])
    if pk_set and model._meta.label == "leerlingen.Leerling":
        bump(*(f"leerling:{i}" for i in pk_set))
    elif pk_set and model._meta.label == "accounts.User":
        bump(*(f"user:{i}" for i in pk_set))


_origineel_update = models.QuerySet.update
_origineel_bulk_create = models.QuerySet.bulk_create
_origineel_bulk_update = models.QuerySet.bulk_update


def _update(self, **kwargs):
    if not gevolgd(self.model):
        return _origineel_update(self, **kwargs)
    rijen = _rijen_van_queryset(self)  # before: the update may change what the filter selects
    n = _origineel_update(self, **kwargs)
    if n:
        bump(*_sleutels(self.model, rijen))
    return n


def _bulk_create(self, objs, *args, **kwargs):
    uit = _origineel_bulk_create(self, objs, *args, **kwargs)
    if gevolgd(self.model):
        bump_objecten(self.model, list(uit))
    return uit


def _bulk_update(self, objs, fields, *args, **kwargs):
    n = _origineel_bulk_update(self, objs, fields, *args, **kwargs)
    if gevolgd(self.model):
        bump_objecten(self.model, list(objs))
    return n


def verbind() -> None:
    """Connect once (from ``ZakenConfig.ready``)."""
    if getattr(models.QuerySet.update, "_versie", False):
        return
    for model in apps.get_models():
        if not gevolgd(model):
            continue
        post_save.connect(_na_opslaan, sender=model, dispatch_uid=f"versie-save-{model._meta.label}")
        pre_delete.connect(_voor_verwijderen, sender=model, dispatch_uid=f"versie-pre-{model._meta.label}")
        post_delete.connect(_na_verwijderen, sender=model, dispatch_uid=f"versie-del-{model._meta.label}")
    m2m_changed.connect(_m2m, dispatch_uid="versie-m2m")
    _update._versie = True
    models.QuerySet.update = _update
    models.QuerySet.bulk_create = _bulk_create
    models.QuerySet.bulk_update = _bulk_update
