"""Apps whose pages come with their issue: a placeholder every logged-in user may open."""

from . import INGELOGD, Rij, ok

ROWS = [
    Rij("ondersteuning:home", ok(*INGELOGD)),
    Rij("tlv:home", ok(*INGELOGD)),
    Rij("geschillen:home", ok(*INGELOGD)),
]
