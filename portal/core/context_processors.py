from django.conf import settings


def portal(request):
    """Demo banner, the unread-notification count and the beheerder's worker warning."""
    ctx = {"PORTAL_DEMO": settings.DEMO, "ongelezen_meldingen": 0, "sweep_achterstallig": False}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from portal.basis.registry import menu_voor
        from portal.meldingen.models import Notification

        ctx["ongelezen_meldingen"] = Notification.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()
        ctx["menu"] = menu_voor(user)
        if "beheerder" in user.rollen or user.is_superuser:
            from portal.termijnen.feestdagen import waarschuwing
            from portal.termijnen.models import SweepRun

            run = SweepRun.objects.filter(naam="termijnen").first()
            ctx["sweep_achterstallig"] = run is None or run.is_stale()
            ctx["feestdagen_waarschuwing"] = waarschuwing()
    return ctx
