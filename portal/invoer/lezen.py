"""Reading a school's export (issue #21 §3): CSV as Dutch Excel and the administrations write it (UTF-8, UTF-8 with a
BOM or Windows-1252; ``;`` or ``,``; a tab), or XLSX (openpyxl, read-only: streamed, values not formulas). Every cell
is text from here on; nothing read is ever executed or echoed unescaped (the templates escape, and a cell that starts
with ``=`` is a name or a number like any other: it is checked as one and refused if it is not).

``lees_bestand`` gives the header's columns and the rows as dicts of strings, or ``BestandFout`` with a Dutch
message for the whole file. ``rij_check`` checks one row as the pages check the same fields (the services'
``leerling_gegevens_check``), without writing."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.leerlingen.services import LeerlingFout, datum_fout, groep_naam_fout, leerling_gegevens_check


def max_bestand() -> int:
    return getattr(settings, "INVOER_MAX_BESTAND", 2 * 1024 * 1024)


def max_rijen() -> int:
    return getattr(settings, "INVOER_MAX_RIJEN", 2000)


MAX_CEL = 500  # characters kept of one cell (a longer one gets the field's "at most" message)
XLSX_MAX_UITGEPAKT = 50 * 1024 * 1024  # a zip bomb: more than this unpacked is refused before it is opened


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    kop: str  # the header as the sample file writes it
    verplicht: bool
    uitleg: str
    ook: tuple[str, ...] = ()  # other headers administrations use


KOLOMMEN = [
    Kolom("leerlingnummer", "leerlingnummer", True, _l("Het nummer van de leerling in uw leerlingadministratie. Zo vindt "
          "het portaal de leerling terug, ook zonder BSN."), ("leerlingnr", "leerling nummer", "leerling id", "nummer")),
    Kolom("voornamen", "voornamen", True, _l("Alle voornamen, zoals in de leerlingadministratie."), ("voornaam",)),
    Kolom("roepnaam", "roepnaam", False, _l("De naam waarmee de leerling wordt aangesproken."), ()),
    Kolom("tussenvoegsel", "tussenvoegsel", False, _l("Bijvoorbeeld 'van' of 'de'."), ("tussenvoegsels", "voorvoegsel")),
    Kolom("achternaam", "achternaam", True, _l("De achternaam zonder tussenvoegsel."), ("geslachtsnaam",)),
    Kolom("geboortedatum", "geboortedatum", True, _l("Als 24-08-2016 of 2016-08-24 (of een datumcel in Excel)."),
          ("geboren", "geb datum", "geboortedag")),
    Kolom("bsn", "bsn", False, _l("Burgerservicenummer, 9 cijfers (elfproef). Een leeg vak laat een bekend BSN staan."),
          ("burgerservicenummer", "bsn nummer")),
    Kolom("groep", "groep", False, _l("De groep of klas van dit schooljaar, bijvoorbeeld 'groep 5b'. Een nieuwe groep "
          "wordt aangemaakt; de leerling gaat uit een andere groep van dit schooljaar."), ("klas", "groepsnaam")),
    Kolom("ingeschreven_vanaf", "ingeschreven vanaf", False, _l("De eerste schooldag op uw school. Alleen gebruikt als de "
          "leerling nog niet is ingeschreven; leeg: vandaag."), ("inschrijfdatum", "datum inschrijving",
                                                                "ingeschreven per")),
    Kolom("email_ouder_1", "e-mail ouder 1", False, _l("E-mailadres van een ouder met gezag. De ouder krijgt een "
          "uitnodiging; u bevestigt de koppeling daarna op uw startpagina."), ("email ouder", "e-mail ouder",
                                                                              "emailadres ouder 1")),
    Kolom("email_ouder_2", "e-mail ouder 2", False, _l("E-mailadres van de tweede ouder met gezag."),
          ("emailadres ouder 2",)),
]
PER_SLEUTEL = {k.sleutel: k for k in KOLOMMEN}


def _norm(kop) -> str:
    tekst = str(kop or "").replace("\ufeff", "").strip().lower()
    tekst = tekst.replace("e-mail", "email").replace("e mail", "email")
    return re.sub(r"[\s_.\-:*]+", " ", tekst).strip()


_KOPPEN = {}
for _k in KOLOMMEN:
    for _naam in (_k.sleutel, _k.kop, *_k.ook):
        _KOPPEN[_norm(_naam)] = _k.sleutel


class BestandFout(Exception):
    """The whole file cannot be read; the message (in the reader's language) is shown at the upload field."""


def _cel(waarde, sleutel: str | None = None) -> str:
    """A cell as text: a date cell as a date, a whole number without '.0' (an 8-digit BSN keeps its leading 0)."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime.datetime):
        waarde = waarde.date()
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        tekst = str(waarde)
        return tekst.zfill(9) if sleutel == "bsn" and len(tekst) == 8 else tekst
    return str(waarde).replace("\x00", "").strip()[:MAX_CEL]


def _csv_tekst(inhoud: bytes) -> str:
    for codering in ("utf-8-sig", "cp1252"):
        try:
            return inhoud.decode(codering)
        except UnicodeDecodeError:
            continue
    raise BestandFout(_("Dit bestand kunnen we niet lezen als tekst. Sla het in Excel op als 'CSV UTF-8' of als "
                        "'Excel-werkmap (.xlsx)'."))


def _csv_rijen(inhoud: bytes):
    tekst = _csv_tekst(inhoud)
    eerste = tekst.split("\n", 1)[0]
    scheiding = max((";", ",", "\t"), key=eerste.count)
    try:
        yield from csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    except csv.Error:
        raise BestandFout(_("Dit CSV-bestand is beschadigd: controleer de aanhalingstekens.")) from None


def _xlsx_rijen(inhoud: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
            if sum(i.file_size for i in z.infolist()) > XLSX_MAX_UITGEPAKT:
                raise BestandFout(_("Dit Excel-bestand is uitgepakt te groot. Bewaar alleen de leerlingen in het "
                                    "bestand."))
        wb = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except BestandFout:
        raise
    except Exception:  # noqa: BLE001 - any broken workbook: zipfile, XML and openpyxl errors alike
        raise BestandFout(_("Dit Excel-bestand kunnen we niet openen. Sla het opnieuw op als "
                            "'Excel-werkmap (.xlsx)'.")) from None
    try:
        if not wb.worksheets:
            return
        yield from wb.worksheets[0].iter_rows(values_only=True)
    finally:
        wb.close()


def formaat_van(naam: str, inhoud: bytes) -> str:
    naam = (naam or "").lower()
    if inhoud[:4] == b"PK\x03\x04":
        if not naam.endswith(".xlsx"):
            raise BestandFout(_("Kies een CSV-bestand (.csv) of een Excel-werkmap (.xlsx)."))
        return "xlsx"
    if naam.endswith((".csv", ".txt")):
        return "csv"
    raise BestandFout(_("Kies een CSV-bestand (.csv) of een Excel-werkmap (.xlsx)."))


def lees_bestand(naam: str, inhoud: bytes) -> tuple[str, list[str], list[tuple[int, dict]]]:
    """(format, the columns found by key, [(row number as the spreadsheet shows it, {key: text})]). Empty rows are
    skipped; columns the portal does not know are ignored (the preview names them)."""
    if not inhoud:
        raise BestandFout(_("Het bestand is leeg."))
    if len(inhoud) > max_bestand():
        raise BestandFout(_("Het bestand is groter dan %(mb)s MB. Zet er alleen de kolommen uit de tabel in, of splits "
                            "het bestand.") % {"mb": max_bestand() // (1024 * 1024)})
    formaat = formaat_van(naam, inhoud)
    rijen = _xlsx_rijen(inhoud) if formaat == "xlsx" else _csv_rijen(inhoud)
    kop = next(rijen, None)
    if not kop or not any(_cel(k) for k in kop):
        raise BestandFout(_("Het bestand heeft geen kopregel. Zet de kolomnamen uit de tabel in de eerste rij."))
    sleutels = [_KOPPEN.get(_norm(_cel(k))) for k in kop]
    dubbel = {s for s in sleutels if s and sleutels.count(s) > 1}
    if dubbel:
        raise BestandFout(_("Deze kolom staat er twee keer in: %(kolommen)s.")
                          % {"kolommen": ", ".join(PER_SLEUTEL[s].kop for s in sorted(dubbel))})
    mist = [k.kop for k in KOLOMMEN if k.verplicht and k.sleutel not in sleutels]
    if mist:
        raise BestandFout(_("Deze kolommen ontbreken: %(kolommen)s. Gebruik de kolomnamen uit de tabel (of download "
                            "het voorbeeldbestand).") % {"kolommen": ", ".join(mist)})
    uit = []
    for nummer, rij in enumerate(rijen, start=2):
        waarden = {s: _cel(rij[i] if i < len(rij) else None, s) for i, s in enumerate(sleutels) if s}
        if not any(waarden.values()):
            continue
        if len(uit) >= max_rijen():
            raise BestandFout(_("Het bestand heeft meer dan %(n)s leerlingen. Splits het in delen (bijvoorbeeld per "
                                "bouw) en voer ze na elkaar in.") % {"n": max_rijen()})
        uit.append((nummer, waarden))
    if not uit:
        raise BestandFout(_("Het bestand heeft geen leerlingen onder de kopregel."))
    return formaat, [s for s in sleutels if s], uit


_DATUM_VORMEN = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


def lees_datum(tekst: str) -> datetime.date | None:
    tekst = (tekst or "").strip()
    if " " in tekst:  # a date cell written as text with a time, e.g. '2016-08-24 00:00:00'
        tekst = tekst.split(" ", 1)[0]
    for vorm in _DATUM_VORMEN:
        try:
            return datetime.datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    return None


DATUM_FOUT = "Vul een geldige datum in, bijvoorbeeld 24-08-2026."


def rij_check(waarden: dict) -> tuple[dict, dict]:
    """One row checked as the pages check these fields: (the values for ``leerling_synchroniseer``, {column key:
    [messages]}). Writes nothing."""
    fouten: dict[str, list[str]] = {}
    geboren = lees_datum(waarden.get("geboortedatum", ""))
    if waarden.get("geboortedatum") and geboren is None:
        fouten["geboortedatum"] = [DATUM_FOUT]
    gegevens = {k: waarden.get(k, "") for k in ("voornamen", "roepnaam", "tussenvoegsel", "achternaam", "bsn",
                                                 "leerlingnummer")}
    try:
        leerling_gegevens_check(**gegevens, geboortedatum=geboren)
    except LeerlingFout as e:
        for k, v in e.velden.items():
            fouten.setdefault(k, v)
    vanaf = None
    if waarden.get("ingeschreven_vanaf"):
        vanaf = lees_datum(waarden["ingeschreven_vanaf"])
        if vanaf is None:
            fouten["ingeschreven_vanaf"] = [DATUM_FOUT]
        elif (fout := datum_fout(vanaf)) is not None:
            fouten["ingeschreven_vanaf"] = [fout]
            vanaf = None
    groep = waarden.get("groep", "").strip()
    if groep and (fout := groep_naam_fout(groep)) is not None:
        fouten["groep"] = [fout]
    emails = []
    for sleutel in ("email_ouder_1", "email_ouder_2"):
        if waarden.get(sleutel):
            try:
                emails.append(forms.EmailField().clean(waarden[sleutel]).lower())
            except forms.ValidationError as e:
                fouten[sleutel] = e.messages
    return ({"gegevens": {**gegevens, "geboortedatum": geboren.isoformat() if geboren else ""},
             "ingeschreven_vanaf": vanaf.isoformat() if vanaf else "", "groep": groep, "ouders": emails}, fouten)
