"""Term rules owned by the OPP (DOMAIN §4 B)."""

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="B-2", app="opp", lengte=6, eenheid=Eenheid.WEKEN,
        naam="Vaststelling ontwikkelingsperspectief",
        bron="WPO 40a lid 2; WVO 26; WEC 41a; seed 001 §4.2",
        uitleg="Het OPP wordt vastgesteld binnen 6 weken na inschrijving; na een tijdelijke inschrijving 6 weken "
        "na de definitieve plaatsing.",
        bij_verloop="Het OPP is niet op tijd vastgesteld: de directeur wordt gewaarschuwd.",
    ),
    Regel(
        id="B-5", app="opp", lengte=1, eenheid=Eenheid.SCHOOLJAAR, atw=False, herinneringen=(42, 14),
        naam="Jaarlijkse evaluatie OPP",
        bron="WPO 40a lid 3 (portaalbeleid: vastgesteld in juni of juli, dan eerste evaluatie volgend schooljaar)",
        uitleg="Het OPP wordt minstens eens per schooljaar met de ouders geëvalueerd, uiterlijk 31 juli.",
        bij_verloop="De evaluatie van dit schooljaar ontbreekt.",
    ),
)
