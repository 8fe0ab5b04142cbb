"""Start-up check of C-5's overridable parameters (issue #12 item 8). The engine's registry check already refuses
names that may not be overridden; this one checks the values: a whole number of school years of at least one
(WEC 40 lid 15), a yes/no for the mid-year rule, and a cap (policy, not law) of at least that."""

from django.core import checks


def check_c5_parameters(app_configs, **kwargs):
    from portal.termijnen import rules

    try:
        params = rules.get("C-5").params()
    except ValueError:  # a name that may not be overridden: the engine's check reports it (termijnen.E001)
        return []
    fouten = []
    jaren = params.get("schooljaren")
    if isinstance(jaren, bool) or not isinstance(jaren, int) or jaren < 1:
        fouten.append(checks.Error(
            f"TERMIJNEN_OVERRIDES[C-5]: schooljaren moet een heel getal van ten minste 1 zijn (WEC 40 lid 15), niet "
            f"{jaren!r}", id="tlv.E001"))
    hoogste = params.get("max_schooljaren")
    if isinstance(hoogste, bool) or not isinstance(hoogste, int) or hoogste < 1 or (
            isinstance(jaren, int) and not isinstance(jaren, bool) and hoogste < jaren):
        fouten.append(checks.Error(
            f"TERMIJNEN_OVERRIDES[C-5]: max_schooljaren (beleid, geen wet) is een heel getal van ten minste 1 en niet "
            f"kleiner dan schooljaren, niet {hoogste!r}", id="tlv.E003"))
    if not isinstance(params.get("loop_van_schooljaar"), bool):
        fouten.append(checks.Error(
            f"TERMIJNEN_OVERRIDES[C-5]: loop_van_schooljaar is true of false, niet {params.get('loop_van_schooljaar')!r}",
            id="tlv.E002"))
    return fouten
