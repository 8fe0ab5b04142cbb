"""Who calls: an organisation's system, not a person (issue #21 §2)."""

from functools import cached_property

from django.db.models import Q


class SysteemGebruiker:
    """``request.user`` for a call with a client's token. It is authenticated but is nobody: it holds no membership,
    never passes a check that needs a person, and the audit trail records it as the system with its client
    (portal.audit.services.audit_log reads ``api_koppeling``).

    The services the pages use ask ``door.school_ids(...)`` when they check the school: a school's system acts for
    its own school only; a board's system for the schools of its board (the bevoegd gezag of those schools).

    What a board's system may read is decided per resource by its scopes (``register_scope(organisaties=...)``) and
    by the resource's rule for a board, which is the bestuurder's rule in the pages — not the IB'er's: a bestuurder
    holds no school membership (``User.school_ids`` is empty for that role) and sees, for example, only the OPPs
    whose vaststelling the board decides (opp/api.py). ``bestuur_ids`` gives that rule its board."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = id = None
    email = ""
    vereist_2fa = False
    lidmaatschappen: list = []
    rollen: set = set()

    def __init__(self, koppeling, scopes: set[str]):
        self.api_koppeling = koppeling
        self.scopes = scopes

    def __str__(self):
        return f"Systeem: {self.api_koppeling.naam}"

    def get_full_name(self) -> str:
        return str(self)

    def is_verified(self) -> bool:
        return False

    def has_perm(self, *args, **kwargs) -> bool:
        return False

    def heeft_scope(self, scope: str) -> bool:
        """The token's scope and the client's current scopes both (narrowing a client works at once), and only a
        scope that fits the kind of organisation: one stored past ``Koppeling.clean`` (a board with
        ``leerlingen:lezen``) is never honoured."""
        from .registry import scopes_voor

        k = self.api_koppeling
        return scope in self.scopes and scope in k.scopes and scope in scopes_voor(k.soort)

    @cached_property
    def _school_ids(self) -> list[int]:
        k = self.api_koppeling
        if k.school_id:
            return [k.school_id]
        if k.bestuur_id:  # one query, once per call (a new SysteemGebruiker per request)
            from portal.organisaties.models import School

            return list(School.objects.filter(bestuur_id=k.bestuur_id).order_by("pk").values_list("pk", flat=True))
        return []

    def school_ids(self, *rollen) -> list[int]:
        return self._school_ids

    def swv_ids(self, *rollen) -> list[int]:
        k = self.api_koppeling
        return [k.swv_id] if k.swv_id else []

    def bestuur_ids(self) -> list[int]:
        """The school board of a board's system (as ``User.bestuur_ids`` for a bestuurder)."""
        k = self.api_koppeling
        return [k.bestuur_id] if k.bestuur_id else []

    def heeft_rol(self, *rollen) -> bool:
        """A system holds no role: a check that needs a person refuses it."""
        return False

    def clock_q(self) -> Q:
        """The clocks this organisation's staff see (portal.termijnen ClockQuerySet.for_user): a school's own, an
        SWV's own (not those of a school in it); a board's staff none (a bestuurder sees only clocks named to them)."""
        k = self.api_koppeling
        if k.school_id:
            return Q(school_id=k.school_id)
        if k.swv_id:
            return Q(swv_id=k.swv_id, school__isnull=True)
        return Q(pk__in=[])
