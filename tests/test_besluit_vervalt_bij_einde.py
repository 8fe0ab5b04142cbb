"""Issue #22 (review leftover): a case that is withdrawn or given up lets its prepared decision lapse through the
core's ``besluit_vervalt`` — audited, off the signers' list — the same for every kind (TLV, bezwaar, schorsing),
not through a raw update that leaves no trace."""

from datetime import date as d

from geschillen import services as g
from portal.audit.models import AuditEntry
from portal.zaken.models import Besluit
from tlv import services as t

from .test_geschillen import op, school_met_staf, weigering
from .test_tlv import met_adviezen, tlv_wereld


def _vervallen_en_geaudit(besluit, door):
    besluit.refresh_from_db()
    assert besluit.vervallen_op is not None and besluit.ondertekend_op is None
    regels = AuditEntry.objects.filter(object_type="zaken.besluit", object_id=str(besluit.pk),
                                       omschrijving__startswith="Voorbereid besluit vervallen")
    assert regels.count() == 1 and regels.get().actor == door


def test_tlv_withdrawn_with_a_prepared_decision(world):
    w = tlv_wereld(world)
    tlv = met_adviezen(w)
    with op(d(2026, 3, 20)):
        besluit = t.tlv_besluit_voorbereid(tlv=tlv, door=w.swv_mw_a, uitkomst="toegekend", motivering="Twee adviezen.",
                                           ingangsdatum=d(2026, 4, 1), schooljaren=2, categorie="")
        t.tlv_trek_in(tlv=tlv, door=w.ib_a, reden="De ouders kiezen een andere school.")
    _vervallen_en_geaudit(besluit, w.ib_a)


def test_bezwaar_withdrawn_with_a_prepared_decision(world):
    from portal.accounts.constants import Rol

    from .factories import member

    school = school_met_staf()
    _aanmelding, besluit = weigering(school=school)
    ouder = besluit.zaak.leerling.gezag.get().ouder
    with op(d(2026, 3, 20)):
        b = g.bezwaar_dien_in(besluit=besluit, ouder=ouder, gronden="Mijn kind hoort hier.")
    with op(d(2026, 3, 27)):
        bestuurder = member(Rol.BESTUURDER, bestuur=school.bestuur)
        g.bezwaar_hoor(bezwaar=b, door=school.ib, gehoord_op=d(2026, 3, 27), verslag="Moeder lichtte toe.",
                       hoorders=[school.ib, bestuurder], voorzitter=bestuurder)
        beslissing = g.bezwaar_beslissing_voorbereid(bezwaar=b, door=school.ib, uitkomst="ongegrond", motivering="m")
        g.bezwaar_trek_in(bezwaar=b, ouder=ouder, reden="Toch eens")
    _vervallen_en_geaudit(beslissing, ouder)


def test_schorsing_dropped_before_signing(world):
    with op(d(2026, 3, 6)):
        sch = g.schorsing_bereid_voor(leerling=world.kind_a, school=world.school_a, door=world.dir_a,
                                      van=d(2026, 3, 9), tot=d(2026, 3, 9), redenen="Geweld tegen een klasgenoot")
        g.schorsing_vervalt(schorsing=sch, door=world.dir_a)
    _vervallen_en_geaudit(Besluit.objects.get(zaak_id=sch.pk, besluittype="schorsing"), world.dir_a)
