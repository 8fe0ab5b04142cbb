import os

import pytest
from django.conf import settings

from portal.accounts.constants import Rol

from .factories import (
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    mandaat,
    member,
    ouder_van,
    zaak_voor,
)


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks queued after commit (letters) run in-process during tests; a real worker is tested apart."""
    from portal.celery import app

    vorige = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = vorige


@pytest.fixture(autouse=True)
def _gelijkgestelde_dagen_vers():
    """The equalised days (T-3) are cached per process for a minute; each test reads its own database."""
    from portal.termijnen import feestdagen

    feestdagen.vergeet()
    yield
    feestdagen.vergeet()


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                         "OPTIONS": {"location": str(tmp_path / "media")}}}


def login_staff(client, user):
    """Log a staff member in with a verified TOTP device (as after the 2FA step)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session["portal_reauth_at"] = 0
    session.save()
    return device


@pytest.fixture
def world(db):
    """Two schools in two SWVs, each with an IB'er, a directeur and an enrolled pupil with a parent."""

    class World:
        pass

    w = World()
    w.swv_a, w.swv_b = SWVFactory(), SWVFactory()
    w.school_a = SchoolFactory(swvs=[w.swv_a])
    w.school_b = SchoolFactory(swvs=[w.swv_b])
    w.kind_a = LeerlingFactory(bsn="999990019")
    w.kind_b = LeerlingFactory(bsn="999990020")
    w.ins_a = InschrijvingFactory(leerling=w.kind_a, school=w.school_a)
    w.ins_b = InschrijvingFactory(leerling=w.kind_b, school=w.school_b)
    w.ib_a = member(Rol.IB, school=w.school_a)
    w.ib_b = member(Rol.IB, school=w.school_b)
    w.dir_a = member(Rol.DIRECTEUR, school=w.school_a)
    w.dir_b = member(Rol.DIRECTEUR, school=w.school_b)
    # The boards mandate their directeur to sign decisions on aanmeldingen (the mandate register).
    w.mandaat_a = mandaat(w.dir_a, w.school_a.bestuur, ["aanmelding"])
    w.mandaat_b = mandaat(w.dir_b, w.school_b.bestuur, ["aanmelding"])
    w.bestuurder_a = member(Rol.BESTUURDER, bestuur=w.school_a.bestuur)
    w.leerkracht_a = member(Rol.LEERKRACHT, school=w.school_a)
    w.swv_mw_a = member(Rol.SWV, swv=w.swv_a)
    w.ouder_a = ouder_van(w.kind_a)
    w.ouder_b = ouder_van(w.kind_b)
    w.beheerder = member(Rol.BEHEERDER, is_staff=True, is_superuser=True)
    # A case of each school to hang clocks on in engine tests (an OPP: a real case kind of the core).
    w.zaak_a = zaak_voor(w.kind_a, w.school_a)
    w.zaak_b = zaak_voor(w.kind_b, w.school_b)
    return w


def pytest_report_header(config):
    return [
        f"database: {settings.DATABASES['default']['ENGINE']}",
        f"broker: {settings.CELERY_BROKER_URL.split('://')[0]}",
        f"REQUIRE_SERVICES={os.environ.get('REQUIRE_SERVICES', '0')} REQUIRE_BROWSER={os.environ.get('REQUIRE_BROWSER', '0')}",
    ]
