"""Uploads are checked by what they are, not by their name (issue #8, stumbled 11): a PDF must parse
as a PDF (pypdf) and an image must decode (Pillow). The pixel limit is ours: the size is read from the header and
checked before a single pixel is decoded (issue #19 defect 6 — Pillow's own guard only warns between 1× and 2× its
limit, so a 9000×9000 image went through)."""

import io

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

MIME = {"PDF": "application/pdf", "PNG": "image/png", "JPEG": "image/jpeg"}
# An image of more pixels than this is refused (a decompression bomb is far larger; a phone photo far smaller).
MAX_PIXELS = 60_000_000


def _is_pdf(data: bytes) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.startswith(b"%PDF-"):
        return False
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return False
        return len(reader.pages) >= 1
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError):
        return False


class TeVeelPixels(Exception):
    def __init__(self, breedte: int, hoogte: int):
        super().__init__(f"{breedte}x{hoogte}")
        self.breedte, self.hoogte = breedte, hoogte


def _te_veel_pixels(breedte: int, hoogte: int) -> bool:
    return breedte * hoogte > MAX_PIXELS


def _image_soort(data: bytes) -> str | None:
    """"PNG" or "JPEG" for an image that decodes, None for anything else; ``TeVeelPixels`` when the header says it is
    larger than ``MAX_PIXELS`` — raised before decoding, whatever Pillow's process-wide limit is set to."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:  # reads the header only
            soort = img.format
            if soort not in ("PNG", "JPEG"):
                return None
            breedte, hoogte = img.size
            if _te_veel_pixels(breedte, hoogte):
                raise TeVeelPixels(breedte, hoogte)
            img.load()  # decodes the pixels: a truncated or fake image fails here
            return soort
    except TeVeelPixels:
        raise
    except Image.DecompressionBombError as exc:  # over twice Pillow's limit: refused in open(), size unknown here
        raise TeVeelPixels(0, 0) from exc
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        return None


def check_upload(bestand):
    """PDF, PNG or JPG, at most DOCUMENTEN_MAX_UPLOAD bytes. Sets ``bestand.portal_mime``."""
    if bestand is None:
        return None
    maximum = settings.DOCUMENTEN_MAX_UPLOAD
    if bestand.size > maximum:
        raise forms.ValidationError(_("Dit bestand is te groot (maximaal %(mb)s MB).") % {"mb": maximum // 2**20})
    bestand.seek(0)
    data = bestand.read()
    bestand.seek(0)
    if _is_pdf(data):
        bestand.portal_mime = MIME["PDF"]
        return bestand
    try:
        soort = _image_soort(data)
    except TeVeelPixels as exc:
        mp = round(exc.breedte * exc.hoogte / 1_000_000)
        raise forms.ValidationError(
            (_("Deze afbeelding is te groot: %(mp)s megapixel (%(b)s × %(h)s). Het maximum is %(max)s megapixel. "
               "Maak de foto kleiner of sla hem op als PDF, en probeer het opnieuw.")
             if mp else _("Deze afbeelding is te groot: meer dan %(max)s megapixel. Maak de foto kleiner of sla hem "
                          "op als PDF, en probeer het opnieuw."))
            % {"mp": mp, "b": exc.breedte, "h": exc.hoogte, "max": MAX_PIXELS // 1_000_000}) from exc
    if soort:
        bestand.portal_mime = MIME[soort]
        return bestand
    raise forms.ValidationError(_("Alleen PDF, PNG of JPG, en het bestand moet echt te openen zijn. Dit bestand is iets "
                                  "anders of beschadigd (we kijken naar de inhoud, niet naar de naam)."))


class DocumentField(forms.FileField):
    """A file field that accepts only real PDFs and images (see ``check_upload``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("PDF, PNG of JPG, ten hoogste %(mb)s MB.")
                          % {"mb": settings.DOCUMENTEN_MAX_UPLOAD // 2**20})
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "application/pdf,image/png,image/jpeg")

    def clean(self, data, initial=None):
        return check_upload(super().clean(data, initial))
