"""Heavy documents on request, made in the worker (issue #19 defect 8), with geschillen's dossier as the kind: the web
request never renders (GET and POST), the task does; an unchanged dossier is handed out again without a second render,
a change (a new event, a letter) makes a new one and retires the old file; new renders are limited per reader per hour
(counted from the database); the download is the requester's only (404 for anyone else, and once their access ends);
with the broker down the request is kept and the safety net on beat renders it."""

import dataclasses
from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from geschillen import services as s
from geschillen.services.dossier import DOSSIER, dossier_versie
from portal.audit.models import AuditEntry
from portal.documenten import exports
from portal.documenten.models import Export, ExportStatus
from portal.documenten.registry import EXPORTS
from portal.documenten.tasks import render_export, render_wachtende_exports
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from .factories import PDF
from .test_geschillen import _login
from .test_geschillen import geweigerd as geweigerd  # noqa: F401  (fixtures)
from .test_geschillen import gezin as gezin  # noqa: F401

NEP_PDF = PDF  # a small valid PDF stands in for the dossier in the tests that only count renders


@pytest.fixture
def renders(monkeypatch):
    """The dossier kind with its render replaced by a counter (the fingerprint and access are the real ones)."""
    gedaan = []
    echt = EXPORTS[DOSSIER]

    def render(*, zaak, user):
        gedaan.append((zaak.pk, user.pk))
        return NEP_PDF

    monkeypatch.setitem(EXPORTS._items, DOSSIER, dataclasses.replace(echt, render=render))
    return gedaan


@pytest.fixture
def broker(monkeypatch):
    """The broker: records what is queued instead of running it (``up=False``: it is down and takes nothing)."""

    class Broker:
        up = True
        berichten: list = []

        def verstuur(self, taak, *args):
            if not self.up:
                return False
            self.berichten.append((taak, *args))
            return True

    b = Broker()
    b.berichten = []
    monkeypatch.setattr("portal.celery.verstuur", b.verstuur)
    return b


def _vraag(client, zaak, capture):
    with capture(execute=True):
        return client.post(reverse("geschillen:dossier", args=[zaak.pk]))


def _pagina(client, zaak) -> str:
    r = client.get(reverse("geschillen:dossier", args=[zaak.pk]))
    assert r.status_code == 200
    return r.content.decode()


def test_get_and_post_never_render_in_the_web_process_the_task_does(geweigerd, client, renders, broker,
                                                                    django_capture_on_commit_callbacks):
    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    body = _pagina(client, zaak)
    assert "Dossier maken" in body and renders == []
    r = _vraag(client, zaak, django_capture_on_commit_callbacks)
    assert r.status_code == 302 and r["Location"] == reverse("geschillen:dossier", args=[zaak.pk])
    export = Export.objects.get()
    assert renders == [] and export.status == ExportStatus.WACHT  # stored and queued, not rendered
    assert broker.berichten == [("portal.documenten.tasks.render_export", export.pk)]
    body = _pagina(client, zaak)
    assert "Het dossier wordt gemaakt" in body and 'http-equiv="refresh"' in body and renders == []
    assert client.get(reverse("documenten:export", args=[export.pk])).status_code == 404  # not ready yet
    assert AuditEntry.objects.filter(actor=geweigerd.ouder, actie="aangemaakt", object_id=str(export.pk)).exists()

    render_export(export.pk)  # the worker
    assert renders == [(zaak.pk, geweigerd.ouder.pk)]
    export.refresh_from_db()
    assert export.status == ExportStatus.KLAAR and export.klaar_op and export.grootte == len(NEP_PDF)
    render_export(export.pk)  # idempotent: a second message for the same row renders nothing
    assert len(renders) == 1
    body = _pagina(client, zaak)
    url = reverse("documenten:export", args=[export.pk])
    assert "Uw dossier is klaar" in body and url in body and 'http-equiv="refresh"' not in body
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content) == NEP_PDF
    assert r["Content-Disposition"] == f'attachment; filename="dossier-{zaak.pk}.pdf"'
    assert AuditEntry.objects.filter(actor=geweigerd.ouder, actie="gedownload", omschrijving="Dossier (PDF)").exists()
    assert len(renders) == 1


def test_unchanged_dossier_is_reused_a_change_makes_a_new_one(geweigerd, client, renders, broker,
                                                              django_capture_on_commit_callbacks):
    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    _vraag(client, zaak, django_capture_on_commit_callbacks)
    eerste = Export.objects.get()
    render_export(eerste.pk)
    versie = dossier_versie(zaak=zaak, user=geweigerd.ouder)
    _pagina(client, zaak)  # reading pages and downloading changes nothing in the dossier
    client.get(reverse("documenten:export", args=[eerste.pk]))
    assert dossier_versie(zaak=zaak, user=geweigerd.ouder) == versie

    _vraag(client, zaak, django_capture_on_commit_callbacks)  # asked again, nothing changed
    assert Export.objects.count() == 1 and len(renders) == 1 and len(broker.berichten) == 1
    assert "al klaar" in _pagina(client, zaak)

    # a change in the dossier: a new event on the case
    gebeurtenis_voeg_toe(zaak=zaak, soort="document", gegevens={"document_id": 0, "naam": "verslag.pdf"})
    assert dossier_versie(zaak=zaak, user=geweigerd.ouder) != versie
    body = _pagina(client, zaak)
    assert "Er is iets veranderd" in body and "Nieuw dossier maken" in body
    _vraag(client, zaak, django_capture_on_commit_callbacks)
    tweede = Export.objects.exclude(pk=eerste.pk).get()
    oud_bestand = Export.objects.get(pk=eerste.pk).bestand.name
    assert default_storage.exists(oud_bestand)
    with django_capture_on_commit_callbacks(execute=True):
        render_export(tweede.pk)
    assert len(renders) == 2
    eerste.refresh_from_db()
    assert eerste.status == ExportStatus.VERVALLEN and not eerste.bestand and not default_storage.exists(oud_bestand)
    assert client.get(reverse("documenten:export", args=[eerste.pk])).status_code == 404
    assert client.get(reverse("documenten:export", args=[tweede.pk])).status_code == 200


def test_a_new_letter_changes_the_fingerprint(geweigerd):
    from portal.documenten.services import brief_maak, brieven_render_wachtend

    zaak = geweigerd.aanmelding
    brieven_render_wachtend()
    voor = dossier_versie(zaak=zaak, user=geweigerd.ouder)
    brief = brief_maak(zaak=zaak, soort=geweigerd.aanmelding.brieven.first().soort, gegevens={})
    na_maken = dossier_versie(zaak=zaak, user=geweigerd.ouder)
    assert na_maken != voor
    brieven_render_wachtend()  # its PDF made: the dossier now carries the letter itself
    assert brief.pk and dossier_versie(zaak=zaak, user=geweigerd.ouder) != na_maken
    # each reader has their own: the school's view differs from the parent's
    assert dossier_versie(zaak=zaak, user=geweigerd.school.ib) != dossier_versie(zaak=zaak, user=geweigerd.ouder)


def test_rate_limit_per_reader_per_hour_from_the_database(geweigerd, client, renders, broker, settings,
                                                          django_capture_on_commit_callbacks):
    settings.DOCUMENTEN_EXPORTS_PER_UUR = 2
    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    for i in range(2):
        _vraag(client, zaak, django_capture_on_commit_callbacks)
        render_export(Export.objects.latest("pk").pk)
        gebeurtenis_voeg_toe(zaak=zaak, soort="document", gegevens={"document_id": i, "naam": f"{i}.pdf"})
    assert Export.objects.count() == 2 and len(renders) == 2
    assert "Dit uur kan het nog 0 keer" in _pagina(client, zaak)
    r = _vraag(client, zaak, django_capture_on_commit_callbacks)
    assert r.status_code == 302
    body = client.get(r["Location"]).content.decode()
    assert "al 2 keer een nieuw document laten maken" in body and "Probeer het na" in body
    assert Export.objects.count() == 2 and len(broker.berichten) == 2 and len(renders) == 2  # no new job
    # another reader is not limited by this one
    c2 = _login(client.__class__(), geweigerd.school.ib)
    _vraag(c2, zaak, django_capture_on_commit_callbacks)
    assert Export.objects.filter(aangevraagd_door=geweigerd.school.ib).count() == 1
    # an hour later it can again
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        r = _vraag(_login(client.__class__(), geweigerd.ouder), zaak, django_capture_on_commit_callbacks)
        assert r.status_code == 302 and r["Location"] == reverse("geschillen:dossier", args=[zaak.pk])
    assert Export.objects.filter(aangevraagd_door=geweigerd.ouder).count() == 3


def test_rate_limit_holds_without_the_cache(geweigerd, renders, broker, settings):
    """The count is read from the rows, not a cache: a cache that forgets everything changes nothing."""
    settings.DOCUMENTEN_EXPORTS_PER_UUR = 1
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    zaak = geweigerd.aanmelding
    exports.export_vraag_aan(soort=DOSSIER, zaak=zaak, door=geweigerd.ouder)
    gebeurtenis_voeg_toe(zaak=zaak, soort="document", gegevens={"document_id": 1, "naam": "x.pdf"})
    with pytest.raises(exports.ExportFout, match="1 keer per uur"):
        exports.export_vraag_aan(soort=DOSSIER, zaak=zaak, door=geweigerd.ouder)


def test_download_is_the_requesters_only(geweigerd, client, renders, broker, django_capture_on_commit_callbacks):
    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    _vraag(client, zaak, django_capture_on_commit_callbacks)
    export = Export.objects.get()
    render_export(export.pk)
    url = reverse("documenten:export", args=[export.pk])
    assert client.get(url).status_code == 200
    # the school may make its own dossier of this case, but not download the parent's copy; others see nothing
    for wie in (geweigerd.school.ib, geweigerd.ouder_b, geweigerd.ib_b, geweigerd.leerkracht_a):
        assert _login(client.__class__(), wie).get(url).status_code == 404, wie
    assert client.__class__().get(url).status_code == 302  # anonymous: to the login
    assert "/account/inloggen/" in client.__class__().get(url)["Location"]
    # the dossier page and its POST: 404 for who may not have a dossier of this case
    for wie in (geweigerd.ouder_b, geweigerd.ib_b, geweigerd.leerkracht_a):
        c = _login(client.__class__(), wie)
        assert c.get(reverse("geschillen:dossier", args=[zaak.pk])).status_code == 404
        assert c.post(reverse("geschillen:dossier", args=[zaak.pk])).status_code == 404
    assert Export.objects.count() == 1


def test_a_helper_loses_the_download_when_the_share_ends(geweigerd, client, renders, broker,
                                                         django_capture_on_commit_callbacks):
    from portal.accounts.constants import Rol

    from .factories import member

    helper = member(Rol.ONDERWIJSCONSULENT, email="helper@example.nl", organisatie_naam="Onderwijsconsulenten")
    zaak = geweigerd.aanmelding
    deling = s.deling_nodig_uit(zaak=zaak, ouder=geweigerd.ouder, email=helper.email, rol="onderwijsconsulent",
                                geldig_tot=timezone.localdate() + timedelta(days=30))
    s.deling_neem_aan(token=s.deling_token(deling), user=helper)
    c = _login(client, helper)
    _vraag(c, zaak, django_capture_on_commit_callbacks)
    export = Export.objects.get(aangevraagd_door=helper)
    render_export(export.pk)
    url = reverse("documenten:export", args=[export.pk])
    assert c.get(url).status_code == 200
    s.deling_trek_in(deling=deling, ouder=geweigerd.ouder)
    assert c.get(url).status_code == 404


def test_broker_down_the_request_is_kept_and_the_safety_net_renders_it(geweigerd, client, renders, broker,
                                                                       django_capture_on_commit_callbacks):
    broker.up = False
    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    r = _vraag(client, zaak, django_capture_on_commit_callbacks)
    assert r.status_code == 302  # no 500, the request is stored
    export = Export.objects.get()
    assert export.status == ExportStatus.WACHT and renders == []
    assert render_wachtende_exports() == 0  # less than a minute old: the task may still come
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert render_wachtende_exports() == 1
    export.refresh_from_db()
    assert export.status == ExportStatus.KLAAR and len(renders) == 1
    assert render_wachtende_exports() == 0  # nothing twice


def test_a_failing_render_is_retried_then_marked_and_can_be_asked_again(geweigerd, client, monkeypatch, broker,
                                                                        django_capture_on_commit_callbacks):
    def kapot(*, zaak, user):
        raise RuntimeError("WeasyPrint ging stuk")

    monkeypatch.setitem(EXPORTS._items, DOSSIER, dataclasses.replace(EXPORTS[DOSSIER], render=kapot))
    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    _vraag(client, zaak, django_capture_on_commit_callbacks)
    export = Export.objects.get()
    render_export(export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.WACHT and export.pogingen == 1 and export.bezig_sinds is None
    for minuten in (2, 4):
        with time_machine.travel(timezone.now() + timedelta(minutes=minuten)):
            render_wachtende_exports()
    export.refresh_from_db()
    assert export.status == ExportStatus.MISLUKT and export.pogingen == exports.MAX_POGINGEN
    body = _pagina(client, zaak)
    assert "niet gelukt" in body and "Nieuw dossier maken" in body
    _vraag(client, zaak, django_capture_on_commit_callbacks)  # asked again: the same row waits once more
    export.refresh_from_db()
    assert export.status == ExportStatus.WACHT and export.pogingen == 0 and Export.objects.count() == 1


def test_a_worker_that_died_leaves_a_claim_that_expires(geweigerd, renders):
    export, nieuw = exports.export_vraag_aan(soort=DOSSIER, zaak=geweigerd.aanmelding, door=geweigerd.ouder)
    assert nieuw
    Export.objects.filter(pk=export.pk).update(bezig_sinds=timezone.now(), pogingen=1)  # claimed, then killed
    assert exports.export_render(export.pk) is None and renders == []  # someone is on it
    with time_machine.travel(timezone.now() + exports.BEZIG_VERLOOPT + timedelta(minutes=1)):
        assert render_wachtende_exports() == 1
    assert len(renders) == 1


def test_old_copies_lose_their_file_after_the_keeping_term(geweigerd, renders, settings,
                                                           django_capture_on_commit_callbacks):
    export, _n = exports.export_vraag_aan(soort=DOSSIER, zaak=geweigerd.aanmelding, door=geweigerd.ouder)
    exports.export_render(export.pk)
    export.refresh_from_db()
    naam = export.bestand.name
    assert default_storage.exists(naam)
    with time_machine.travel(timezone.now() + timedelta(days=settings.DOCUMENTEN_EXPORT_BEWAAR_DAGEN + 1)):
        with django_capture_on_commit_callbacks(execute=True):
            render_wachtende_exports()
    export.refresh_from_db()
    assert export.status == ExportStatus.VERVALLEN and not default_storage.exists(naam)


def test_deleting_the_row_deletes_the_file(geweigerd, renders, django_capture_on_commit_callbacks):
    export, _n = exports.export_vraag_aan(soort=DOSSIER, zaak=geweigerd.aanmelding, door=geweigerd.ouder)
    exports.export_render(export.pk)
    export.refresh_from_db()
    naam = export.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        export.delete()
    assert not default_storage.exists(naam)


def test_the_real_dossier_is_rendered_by_the_task(geweigerd, client, django_capture_on_commit_callbacks):
    """End to end with the real render: asked on the page, made by the task, downloaded; the PDF is the dossier."""
    import io

    from pypdf import PdfReader

    from portal.documenten.services import brieven_render_wachtend

    brieven_render_wachtend()
    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    client.post(reverse("geschillen:dossier", args=[zaak.pk]))
    assert exports.exports_render_wachtend(ouder_dan_seconden=0) == 1
    export = Export.objects.get()
    r = client.get(reverse("documenten:export", args=[export.pk]))
    inhoud = b"".join(r.streaming_content)
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert f"Dossier van {zaak.leerling.naam}" in tekst and "Tijdlijn" in tekst


def test_the_page_stays_cheap_for_a_pupil_with_many_cases(geweigerd, client, renders):
    """The page computes the fingerprint, never the PDF: a fixed handful of queries, not more with more cases."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    zaak = geweigerd.aanmelding
    _login(client, geweigerd.ouder)
    url = reverse("geschillen:dossier", args=[zaak.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    for i in range(15):
        s.advies_dien_in(ouder=geweigerd.ouder, leerling=geweigerd.kind, school=geweigerd.school, soort="advies",
                         vraag=f"Vraag {i}", partijen=["school"])
    with CaptureQueriesContext(connection) as veel:
        assert client.get(url).status_code == 200
    assert len(veel) == len(weinig) <= 20 and renders == []
