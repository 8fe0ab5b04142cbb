"""A preview of a decision's letter for the signer (issue #8, stumbled 7): the same template as the real
letter, rendered on the fly and marked as a preview; the dates are what they will be if the decision is
made known today. Nothing is stored."""

from types import SimpleNamespace

from django.utils import timezone

from portal.documenten.pdf import render_pdf
from portal.documenten.services import brief_context
from portal.termijnen import rules


def brief_voorbeeld_pdf(besluit) -> bytes:
    vandaag = timezone.localdate()
    bt = besluit.type
    zaak = besluit.zaak.specifiek
    gezag = zaak.gezag
    klokken = {}
    for regel_id in (bt.rechtsmiddelen(besluit) if bt.rechtsmiddelen else []):
        params = rules.get(regel_id).params()
        klokken[regel_id] = SimpleNamespace(regel_id=regel_id, params=params, start=vandaag,
                                            uiterlijk=rules.bereken_uiterlijk(params, vandaag))
    gegevens = {
        "uitkomst": besluit.uitkomst, "uitkomst_label": besluit.uitkomst_label, "motivering": besluit.motivering,
        "ondertekend_door": "…", "functie": "…", "gezag": str(gezag), "gezag_adres": getattr(gezag, "adres", ""),
        "bezwaar_adres": getattr(gezag, "bezwaar_adres", ""), "bekendmaking": "", "bekendgemaakt_op": vandaag,
        **{f"{k.replace('-', '_')}_uiterlijk": c.uiterlijk for k, c in klokken.items()},
        **(bt.brief_gegevens(besluit, klokken) if bt.brief_gegevens else {}),
    }
    brief = SimpleNamespace(zaak=zaak, besluit=besluit, gegevens=gegevens, titel=f"Voorbeeld: {bt.naam}",
                            aangemaakt_op=timezone.now(), soort=bt.brief, pk=None)
    from portal.documenten.registry import brief_soort

    context = brief_context(brief) | {"voorbeeld": True}
    return render_pdf(brief_soort(bt.brief).template, context)
