"""Demo data for the public information (issue #13): the ouder- en jeugdsteunpunt of each demo SWV, and a checklist
that Daan's parent started, so the demo shows a saved version. Idempotent; fictional (the 0800 numbers are not
real)."""

from .constants import ChecklistSoort
from .models import Checklist, SteunpuntContact
from .services import checklist_bewaar

STEUNPUNTEN = {
    "po": ("Ouder- en jeugdsteunpunt Vallei (demo)", "0800 000 1111", "steunpunt-po@demo.nl",
           "maandag tot en met donderdag, 9.00 tot 16.00 uur"),
    "vo": ("Steunpunt ouders en jongeren VO Vallei (demo)", "0800 000 2222", "steunpunt-vo@demo.nl",
           "werkdagen, 9.00 tot 17.00 uur"),
}


def demo(ctx):
    for sleutel, (naam, telefoon, email, bereikbaar) in STEUNPUNTEN.items():
        swv = ctx.swv.get(sleutel)
        if swv is not None:
            SteunpuntContact.objects.get_or_create(swv=swv, defaults={
                "naam": naam, "telefoon": telefoon, "email": email, "bereikbaar": bereikbaar})
    daan = ctx.leerlingen.get("Daan")
    ouder = ctx.users.get("ouder@demo.nl")
    if daan is None or ouder is None or Checklist.objects.filter(soort=ChecklistSoort.KIND, leerling=daan).exists():
        return
    checklist_bewaar(checklist=Checklist(soort=ChecklistSoort.KIND, leerling=daan), door=ouder, antwoorden={
        "kind_hulp_nodig": ("ja", "Hulp bij lezen en een rustige plek."),
        "kind_hulp_school": ("deels", "Leesbegeleiding is gestart; over de rustige plek is nog niets afgesproken."),
        "kind_opp": ("weet_niet", "Het OPP is nog niet klaar."),
        "kind_plezier": ("ja", ""),
    })
