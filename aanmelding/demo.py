"""The aanmelding's demo data (``manage.py demo`` through ``portal.basis.registry.register_demo``)."""

from datetime import timedelta

from django.utils import timezone


def demo(ctx):
    """One running aanmelding, so the IB'er's inbox and the parent's tracker show something."""
    from .models import Aanmelding
    from .services import aanmelding_dien_in

    noor = ctx.leerlingen["Noor"]
    if Aanmelding.objects.filter(leerling=noor).exists():
        return
    aanmelding_dien_in(
        ouder=ctx.users["ouder@demo.nl"], school=ctx.scholen["regenboog"],
        gewenste_start=ctx.today + timedelta(weeks=12), ondersteuning="waarschijnlijk",
        wat_belangrijk="Een rustige start; Noor is snel overprikkeld.", gezag_verklaard=True, voorkeur_positie=1,
        andere_scholen=[], leerling=noor, nu=timezone.now() - timedelta(days=10))
