"""Who calls: an organisation's system, not a person (issue #21 §2)."""

from functools import cached_property

from django.db.models import Q


class SysteemGebruiker:
    """``request.user`` for a call with a client's token. It is authenticated but is nobody: it holds no membership,
    never passes a check that needs a person, and the audit trail records it as the system with its client
    (portal.audit.services.audit_log reads ``api_koppeling``).

    The services the pages use ask ``door.school_ids(...)`` when they check the school: a school's system acts for
    its own school only."""

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
        """The token's scope and the client's current scopes both (narrowing a client works at once)."""
        return scope in self.scopes and scope in self.api_koppeling.scopes

    @cached_property
    def _school_ids(self) -> list[int]:
        k = self.api_koppeling
        return [k.school_id] if k.school_id else []

    def school_ids(self, *rollen) -> list[int]:
        return self._school_ids

    def swv_ids(self, *rollen) -> list[int]:
        k = self.api_koppeling
        return [k.swv_id] if k.swv_id else []

    def clock_q(self) -> Q:
        """The clocks this organisation's staff see (portal.termijnen ClockQuerySet.for_user): a school's own, an
        SWV's own (not those of a school in it)."""
        k = self.api_koppeling
        if k.school_id:
            return Q(school_id=k.school_id)
        if k.swv_id:
            return Q(swv_id=k.swv_id, school__isnull=True)
        return Q(pk__in=[])
