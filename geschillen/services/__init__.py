"""Every write of the geschillen app (STYLE §2): one function per action, keyword-only, in one transaction,
audited. Split per case kind; everything is importable from here."""

from .advies import (
    actie_gedaan,
    advies_dien_in,
    advies_intake,
    advies_rond_af,
    advies_trek_in,
    bijeenkomst_voeg_toe,
    toegestane_deelnemers,
)
from .bezwaar import (
    bestuursrecht,
    bezwaar_beslissing_voorbereid,
    bezwaar_brief_gegevens,
    bezwaar_dien_in,
    bezwaar_hoor,
    bezwaar_na_bekendmaking,
    bezwaar_trek_in,
    indienende_school,
    mag_behandelen,
    mag_bezwaar_maken,
    mag_papier_vastleggen,
    ondertekenaar_fout,
)
from .common import GeschilFout
from .deling import deling_neem_aan, deling_nodig_uit, deling_token, deling_trek_in
from .dossier import dossier_context, dossier_pdf
from .geschil import (
    geschil_dien_in,
    geschil_oordeel,
    geschil_reactie,
    geschil_trek_in,
    geschil_verweer,
    geschil_zitting,
    indientermijn,
    mag_reageren,
)
from .klacht import (
    commissies_voor,
    is_bestuur,
    is_secretaris,
    klacht_dien_in,
    klacht_oordeel,
    klacht_reactie,
    klacht_trek_in,
    klacht_zitting,
)
from .schorsing import (
    horen_vastleggen,
    schorsing_beeindig,
    schorsing_bereid_voor,
    schorsing_brief_gegevens,
    schorsing_inspectie_gemeld,
    schorsing_na_bekendmaking,
    schorsing_vervalt,
    verwijdering_acceptatie,
    verwijdering_bereid_voor,
    verwijdering_brief_gegevens,
    verwijdering_guard,
    verwijdering_inspectie_overleg,
    verwijdering_na_bekendmaking,
    verwijdering_start,
    verwijdering_zie_af,
)

__all__ = [
    "GeschilFout", "actie_gedaan", "advies_dien_in", "advies_intake", "advies_rond_af", "advies_trek_in",
    "bezwaar_beslissing_voorbereid", "bezwaar_brief_gegevens", "bezwaar_dien_in", "bezwaar_hoor",
    "bezwaar_na_bekendmaking", "bezwaar_trek_in", "bestuursrecht", "bijeenkomst_voeg_toe", "commissies_voor", "deling_neem_aan",
    "deling_nodig_uit", "deling_token", "deling_trek_in", "dossier_context", "dossier_pdf", "geschil_dien_in",
    "geschil_oordeel", "geschil_reactie", "geschil_trek_in", "geschil_verweer", "geschil_zitting", "horen_vastleggen",
    "indienende_school", "indientermijn", "is_bestuur", "is_secretaris", "klacht_dien_in", "klacht_oordeel",
    "klacht_reactie", "klacht_trek_in", "klacht_zitting", "mag_behandelen", "mag_bezwaar_maken",
    "mag_papier_vastleggen", "ondertekenaar_fout", "mag_reageren", "schorsing_beeindig", "schorsing_bereid_voor",
    "schorsing_brief_gegevens", "schorsing_inspectie_gemeld", "schorsing_na_bekendmaking", "schorsing_vervalt",
    "toegestane_deelnemers", "verwijdering_acceptatie", "verwijdering_bereid_voor", "verwijdering_brief_gegevens",
    "verwijdering_guard", "verwijdering_inspectie_overleg", "verwijdering_na_bekendmaking", "verwijdering_start",
    "verwijdering_zie_af",
]
