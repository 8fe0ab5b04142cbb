"""Issue #22 §1: a walk through the demo as a parent, a pupil and a helper who chose English. Every page reachable
from their start page by links (three clicks deep) answers in English: ``lang="en"``, ``Content-Language: en``, no
Dutch month or day name, and no Dutch interface word (the word list of ``tests/test_informatie.py``; the demo's own
texts — names, what staff wrote in a case — are data and are left out by taking them from the database)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from portal.accounts.models import User

from .conftest import login_staff
from .test_informatie import _gecompileerd, vertaald  # noqa: F401  (fixtures)
from .test_vertalingen_pagina import MAANDEN_NL, _html_lang, _woorden, nederlandse_woorden

# not walked: logging out, files, the API, the staff's reference tables of the law (/termijnen/: rule ids and
# citations of Dutch law, for staff), and the public information and school profile pages (/informatie/,
# /organisaties/: their own English test in tests/test_informatie.py; mostly the schools' own texts)
# (and setting up a second factor, which a GET starts)
NIET = re.compile(r"/(accounts/(logout|uitloggen)|account/tweestaps/instellen|static|media|admin|termijnen|informatie|"
                  r"organisaties)/|\.(pdf|csv|zip|xlsx)$|/pdf/|download|/api/")


def _links(html):
    for href in re.findall(r'href="([^"#]+)"', html):
        deel = urlsplit(href)
        if not deel.netloc and deel.path.startswith("/") and not NIET.search(deel.path):
            yield href


def _loop(client, start, diepte=3, maximum=150):
    gezien, rij, uit = set(), [(start, 0)], {}
    while rij and len(gezien) < maximum:
        url, d = rij.pop(0)
        if url in gezien:
            continue
        gezien.add(url)
        r = client.get(url)
        if r.status_code != 200 or "text/html" not in r.get("Content-Type", ""):
            continue
        html = r.content.decode()
        uit[url] = (r, html)
        if d < diepte:
            rij += [(u, d + 1) for u in _links(html) if u not in gezien]
    return uit


def _strings(waarde):
    import dataclasses

    if isinstance(waarde, str):
        yield waarde
    elif dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        yield from _strings(dataclasses.asdict(waarde))
    elif hasattr(waarde, "__dict__") and not callable(waarde):
        yield from _strings(vars(waarde))
    elif isinstance(waarde, dict):
        for v in waarde.values():
            yield from _strings(v)
    elif isinstance(waarde, (list, tuple)):
        for v in waarde:
            yield from _strings(v)


def _data():
    """The demo's own words: names and every free text stored in the cases (not interface text)."""
    from django.apps import apps
    from django.db import models

    teksten = set()
    for model in apps.get_models():
        velden = [f.name for f in model._meta.get_fields()
                  if (isinstance(f, (models.CharField, models.TextField)) and not f.choices)
                  or isinstance(f, models.JSONField) or "json" in f.get_internal_type().lower()
                  or "JSON" in type(f).__name__]
        # notifications store Dutch msgids (put into words when shown): those must not be taken for data
        if not velden or model._meta.app_label in ("sessions", "admin", "contenttypes", "auth", "meldingen"):
            continue
        for rij in model.objects.values_list(*velden):
            teksten.update(t for t in _strings(rij) if len(t) > 3)
    return sorted(teksten, key=len, reverse=True)


@pytest.mark.parametrize("email", ["ouder@demo.nl", "leerling18@demo.nl", "ouder3@demo.nl", "leerling@demo.nl",
                                   "curator@demo.nl", "steunpunt@demo.nl", "onderwijsconsulent@demo.nl"])
def test_every_page_a_family_member_reaches_is_english(db, client, vertaald, email):  # noqa: F811
    call_command("demo", quiet=True)
    user = User.objects.get(email=email)
    user.taal = "en"
    user.save(update_fields=["taal"])
    if user.vereist_2fa:  # a helper logs in with the second factor
        login_staff(client, user)
    else:
        client.force_login(user)
    data = _data()
    fouten, paginas = {}, _loop(client, "/")
    assert len(paginas) >= 6, sorted(paginas)  # the walk really went through the pages
    for url, (r, html) in paginas.items():
        mis = []
        if r["Content-Language"] != "en" or _html_lang(html) != "en":
            mis.append("lang")
        mis += _woorden(html, MAANDEN_NL, data)
        mis += nederlandse_woorden(html, data)
        if mis:
            fouten[url] = mis
    assert not fouten, fouten


def test_a_parent_who_chose_dutch_reads_every_page_in_dutch_whatever_the_browser_asks(db, client, vertaald):  # noqa: F811
    from .test_vertalingen_pagina import MAANDEN_EN

    call_command("demo", quiet=True)
    user = User.objects.get(email="ouder@demo.nl")
    user.taal = "nl"
    user.save(update_fields=["taal"])
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-GB,en;q=0.9"
    data = _data()
    fouten, paginas = {}, _loop(client, "/")
    assert len(paginas) >= 10
    for url, (r, html) in paginas.items():
        mis = [] if r["Content-Language"] == "nl" and _html_lang(html) == "nl" else ["lang"]
        mis += _woorden(html, MAANDEN_EN, data)
        if mis:
            fouten[url] = mis
    assert not fouten, fouten
