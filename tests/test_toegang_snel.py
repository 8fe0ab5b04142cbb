"""Access rules written for the database's planner (issue #23 §2) give the same rows as the rules they replace:

* a reader with only family roles starts from their own pupils' cases (``ZaakQuerySet.for_user``) — the same cases as
  the kinds' rules alone, for a parent of a minor, a parent with inzage, the adult pupil, a pupil of 14 with an own
  account, a curator, and nothing of another family;
* "the pupil from 12" reads the account's own pupil records, kept per account version and day;
* the next clocks of the start page (``eerstvolgende``) are those of ``for_user`` ordered by due date;
* the IB'er's pupil count is kept per version of the schools and the account, and is fresh after an enrolment.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.accounts.models import Membership
from portal.leerlingen.models import InzageOuder, Vertegenwoordiging
from portal.termijnen.models import Clock
from portal.zaken import registry
from portal.zaken.models import Zaak

from .conftest import login_staff
from .factories import InschrijvingFactory, LeerlingFactory, UserFactory, ouder_van

VANDAAG = dt.date(2026, 9, 1)


def _met_account(geboren):
    kind = LeerlingFactory(geboortedatum=geboren)
    kind.account = UserFactory()
    Membership.objects.create(user=kind.account, rol=Rol.LEERLING)
    kind.save(update_fields=["account"])
    return kind


@pytest.fixture
def families(world):
    w = world
    w.minder = LeerlingFactory(geboortedatum=dt.date(2016, 5, 1))
    w.ouder = ouder_van(w.minder)
    w.volwassen = _met_account(dt.date(2007, 3, 1))
    w.ouder_inzage = ouder_van(w.volwassen)
    InzageOuder.objects.create(leerling=w.volwassen, ouder=w.ouder_inzage)
    w.veertien = _met_account(dt.date(2012, 2, 1))
    w.onder_curatele = LeerlingFactory(geboortedatum=dt.date(2006, 1, 1))
    w.curator = UserFactory()
    Membership.objects.create(user=w.curator, rol=Rol.VERTEGENWOORDIGER)
    Vertegenwoordiging.objects.create(leerling=w.onder_curatele, vertegenwoordiger=w.curator, soort="curator",
                                      van=dt.date(2025, 1, 1), uitspraak="Rechtbank Gelderland, C/05/1")
    w.ander = LeerlingFactory(geboortedatum=dt.date(2015, 1, 1))
    w.ander_ouder = ouder_van(w.ander)
    for kind in (w.minder, w.volwassen, w.veertien, w.onder_curatele, w.ander):
        for code in registry.ZAAKTYPEN:
            Zaak.objects.create(zaaktype=code, leerling=kind, school=w.school_a, swv=w.swv_a, status="x")
    return w


def test_a_family_reader_gets_exactly_the_cases_of_the_kinds_rules(families):
    w = families
    with time_machine.travel(dt.datetime(2026, 9, 1, 10), tick=False):
        for user, kinderen in [(w.ouder, {w.minder}), (w.ouder_inzage, {w.volwassen}), (w.volwassen.account, {w.volwassen}),
                               (w.veertien.account, {w.veertien}), (w.curator, {w.onder_curatele}),
                               (w.ander_ouder, {w.ander})]:
            snel = set(Zaak.objects.for_user(user).values_list("pk", flat=True))
            regels = set(Zaak.objects.filter(registry.toegang_q(user)).values_list("pk", flat=True))
            assert snel == regels, user
            assert snel, user  # each reads something of their own …
            assert set(Zaak.objects.filter(pk__in=snel).values_list("leerling_id", flat=True)) <= {k.pk for k in kinderen}
        for user in (w.ib_a, w.swv_mw_a, w.bestuurder_a):  # staff: the rules as they were, no family start
            assert set(Zaak.objects.for_user(user).values_list("pk", flat=True)) == set(
                Zaak.objects.filter(registry.toegang_q(user)).values_list("pk", flat=True))


def test_the_pupil_from_12_reads_the_own_record_kept_per_day(families):
    from portal.zaken.hoorrecht import leerling_vanaf_q

    w = families
    with time_machine.travel(dt.datetime(2026, 9, 1, 10), tick=False):
        assert set(Zaak.objects.filter(leerling_vanaf_q(w.veertien.account)).values_list("leerling_id", flat=True)) \
            == {w.veertien.pk}
        assert not Zaak.objects.filter(leerling_vanaf_q(w.ouder)).exists()  # a parent has no pupil record
        jong = _met_account(dt.date(2014, 9, 2))  # 12 tomorrow
        Zaak.objects.create(zaaktype="opp", leerling=jong, school=w.school_a, status="x")
        assert not Zaak.objects.filter(leerling_vanaf_q(jong.account)).exists()
    with time_machine.travel(dt.datetime(2026, 9, 2, 10), tick=False):  # the next day: 12
        assert Zaak.objects.filter(leerling_vanaf_q(jong.account)).exists()


def test_next_clocks_are_those_of_the_rule_by_due_date(world):
    from .factories import zaak_voor

    w = world
    zaken = [zaak_voor(LeerlingFactory(), w.school_a) for _ in range(4)] + [zaak_voor(LeerlingFactory(), w.school_b)]
    for i, z in enumerate(zaken):
        for j in range(2):
            Clock.objects.create(regel_id="A-6", params={}, zaak=z, school=z.school, start=VANDAAG,
                                 uiterlijk=VANDAAG + dt.timedelta(days=(7 * i + 5 * j) % 13), omschrijving=f"{i}-{j}",
                                 verantwoordelijke=w.ib_b if (i, j) == (0, 1) else None)
    Clock.objects.filter(omschrijving="2-0").update(gesloten_op=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    for user in (w.ib_a, w.ib_b, w.swv_mw_a, w.ouder_a):
        verwacht = list(Clock.objects.for_user(user).open().filter(uiterlijk__isnull=False)
                        .order_by("uiterlijk", "pk")[:5])
        assert Clock.objects.eerstvolgende(user, 5) == verwacht, user


def test_the_pupil_count_on_the_start_page_is_fresh_after_an_enrolment(world, client):
    w = world
    login_staff(client, w.ib_a)
    eerst = client.get(reverse("core:home")).context["leerlingen_aantal"]
    assert client.get(reverse("core:home")).context["leerlingen_aantal"] == eerst
    InschrijvingFactory(school=w.school_a)
    assert client.get(reverse("core:home")).context["leerlingen_aantal"] == eerst + 1
