"""``manage.py tweestaps_link <e-mailadres>``: e-mail a link to set up the second factor (issue #19 §2).

For the first beheerder of a new installation (there is no beheerder yet to reset anyone) and for an operator
who must help when e-mail did not arrive. Whoever runs it has the server; the link still goes to the account's own
address, and only with ``--toon`` is it also printed. Audited."""

from django.core.management.base import BaseCommand, CommandError

from portal.accounts.models import User
from portal.accounts.tweestaps import is_gekoppeld, koppellink_maak
from portal.audit.models import Actie
from portal.audit.services import audit_log


class Command(BaseCommand):
    help = "Mail een link om tweestapsverificatie in te stellen naar het e-mailadres van een account."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--toon", action="store_true", help="Toon de link ook hier (bijvoorbeeld zonder mail).")

    def handle(self, *args, email, toon=False, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Geen account met e-mailadres {email}.")
        if is_gekoppeld(user):
            raise CommandError("Dit account heeft al tweestapsverificatie. Laat een beheerder de tweede factor "
                               "resetten (Beheer → Gebruikers → actie 'Tweede factor resetten').")
        url = koppellink_maak(user=user)
        audit_log(actor=None, actie=Actie.AANGEMAAKT, obj=user, label=f"Account #{user.pk}", systeem=True,
                  omschrijving="Koppellink voor tweestapsverificatie uitgegeven met manage.py tweestaps_link")
        self.stdout.write(f"Link gemaild naar {user.email} (24 uur geldig, één keer te gebruiken).")
        if toon:
            self.stdout.write(url)
