"""A timeline line in words, in the reader's language, for parents (plain) or for staff."""

from django.utils.translation import gettext as _

from portal.meldingen.tekst import waarde

from . import registry


def tekst(g, *, voor_ouders: bool) -> str:
    d = g.gegevens or {}
    zt = registry.zaaktype(g.zaak.zaaktype)
    eigen = zt.gebeurtenissen.get(g.soort)
    if eigen:
        return eigen(g, voor_ouders)
    if g.soort == "geopend":
        return _("%(zaak)s is begonnen") % {"zaak": zt.naam}
    if g.soort == "status":
        try:
            s = zt.status(d.get("naar"))
        except KeyError:
            return d.get("naar", "")
        return _("Nieuwe stap: %(status)s") % {"status": s.ouder_label if voor_ouders else s.staf}
    if g.soort == "document":
        return _("Document toegevoegd: %(naam)s") % {"naam": d.get("naam", "")}
    if g.soort == "brief":
        from portal.documenten.registry import brief_soort

        try:
            titel = str(brief_soort(d.get("soort")).titel)
        except KeyError:
            titel = d.get("soort", "")
        return _("Brief: %(titel)s") % {"titel": titel}
    if g.soort == "verzoek":
        from .models import VerzoekSoort

        return _("Gevraagd: %(soort)s") % {"soort": VerzoekSoort(d.get("soort")).label if d.get("soort") in
                                             VerzoekSoort.values else ""}
    if g.soort == "verzoek_beantwoord":
        return _("Verzoek beantwoord")
    if g.soort == "verzoek_verlopen":
        return _("De tijd om te antwoorden is voorbij")
    if g.soort == "toestemming":
        from portal.leerlingen.models import ToestemmingStatus

        st = d.get("status")
        return _("Toestemming: %(status)s") % {"status": ToestemmingStatus(st).label if st in ToestemmingStatus.values else st}
    if g.soort == "besluit_voorbereid":
        return _("Besluit voorbereid")
    if g.soort == "besluit_bekendgemaakt":
        return _("Besluit bekendgemaakt op %(op)s") % {"op": waarde(d.get("op"))}
    return g.soort
