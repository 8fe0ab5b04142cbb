"""The AVG's answer term (DOMAIN §4 G-1…G-2 family; the id G-3 is this app's): a request for correction or erasure is
answered "onverwijld en in ieder geval binnen een maand na ontvangst" (AVG art. 12 lid 3); the organisation may extend
it by two more months when the request is complex or there are many, telling the requester within the first month,
with the reasons. The extension is an announced later date (``later_aankondigen``), at most three months after
receipt (``MAX_MAANDEN``); the service checks the limit.

Counting: an EU regulation's month is counted by Regulation 1182/71 (art. 3 lid 2 c: the same date in the next
month), and a term that ends on a Saturday, Sunday or public holiday ends on the next working day (art. 3 lid 4) — the
effect the Algemene termijnenwet has on Dutch terms (T-2), so ``atw`` is on."""

from django.utils.translation import gettext_noop as N_

from portal.termijnen.rules import Eenheid, Regel, register

REGEL_ANTWOORD = "G-3"
MAX_MAANDEN = 3  # one month plus at most two (AVG art. 12 lid 3)

register(
    Regel(
        id=REGEL_ANTWOORD, app="privacy", lengte=1, eenheid=Eenheid.MAANDEN, atw=True, herinneringen=(7, 2),
        later_aankondigen=True,
        naam=N_("Antwoord op een AVG-verzoek (rectificatie of wissing)"),
        bron="AVG art. 12 lid 3, art. 16 en 17; Verordening 1182/71 art. 3",
        uitleg=N_("Binnen een maand na ontvangst; met opgave van redenen binnen die maand ten hoogste twee maanden later."),
        bij_verloop=N_("Het verzoek is niet op tijd beantwoord; de verzoeker kan klagen bij de Autoriteit Persoonsgegevens."),
    ),
)
