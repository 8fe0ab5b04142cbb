import os

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.accounts.models import User

from .models import SweepRun
from .sweep import sweep_due_clocks as _sweep


@shared_task(name="portal.termijnen.tasks.sweep_due_clocks")
def sweep_due_clocks() -> dict:
    # Only the crash test sets this: a pause between batches, so a worker can be killed mid-sweep.
    pauze = float(os.environ.get("TERMIJNEN_SWEEP_TEST_PAUSE", "0") or 0)
    res = _sweep(pauze=pauze)
    return {"geclaimd": res.geclaimd, "events": res.events, "meldingen": res.meldingen, "gevolgen": res.gevolgen}


@shared_task(name="portal.termijnen.tasks.check_sweep_health")
def check_sweep_health() -> bool:
    """E-mail the beheerders once when no sweep has completed for 15 minutes (issue #3 §6)."""
    with transaction.atomic():
        run, _ = SweepRun.objects.select_for_update().get_or_create(naam="termijnen")
        if not run.is_stale():
            if run.gewaarschuwd_op:
                run.gewaarschuwd_op = None
                run.save(update_fields=["gewaarschuwd_op"])
            return True
        if run.gewaarschuwd_op:
            return False
        run.gewaarschuwd_op = timezone.now()
        run.save(update_fields=["gewaarschuwd_op"])
    ontvangers = list(
        User.objects.filter(is_active=True, memberships__rol=Rol.BEHEERDER).values_list("email", flat=True).distinct()
    )
    if ontvangers:
        send_mail(
            "Passend Portaal: de termijnbewaker draait niet",
            "Er is al meer dan 15 minuten geen controle van de wettelijke termijnen afgerond. Herinneringen en "
            f"escalaties blijven uit tot dit is opgelost. Controleer de worker en beat, en {settings.PORTAL_BASE_URL}/health.",
            None, ontvangers,
        )
    return False
