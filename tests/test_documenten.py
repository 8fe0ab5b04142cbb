"""Uploads are checked by what they are (issue #8, stumbled 11): a PDF must parse, an image must decode,
with Pillow's decompression-bomb guard; the size limit holds. One permission-checked download."""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.documenten.validators import check_upload

from .factories import PDF


def png(w=20, h=20) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (w, h), "white").save(buf, "PNG")
    return buf.getvalue()


def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize("naam, inhoud, mime", [
    ("verslag.pdf", PDF, "application/pdf"),
    ("foto.png", png(), "image/png"),
    ("foto.jpg", jpeg(), "image/jpeg"),
    ("zonder-extensie", PDF, "application/pdf"),  # the name does not matter, the content does
])
def test_real_documents_are_accepted(settings, naam, inhoud, mime):
    settings.DOCUMENTEN_MAX_UPLOAD = 10 * 2**20
    bestand = check_upload(SimpleUploadedFile(naam, inhoud))
    assert bestand.portal_mime == mime


@pytest.mark.parametrize("naam, inhoud", [
    ("nep.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>"),  # %PDF- followed by HTML
    ("leeg.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),  # no pages: not a real PDF
    ("nep.png", b"\x89PNG\r\n\x1a\n" + b"geen plaatje"),  # PNG magic without an image
    ("afgebroken.jpg", jpeg()[:40]),  # truncated
    ("programma.exe", b"MZ\x90\x00" + b"\x00" * 100),
    ("pagina.html", b"<!doctype html><p>hoi</p>"),
])
def test_fakes_are_refused_with_a_dutch_message(settings, naam, inhoud):
    settings.DOCUMENTEN_MAX_UPLOAD = 10 * 2**20
    with pytest.raises(forms.ValidationError, match="Alleen PDF, PNG of JPG"):
        check_upload(SimpleUploadedFile(naam, inhoud))


def test_decompression_bomb_is_refused(settings):
    """A tiny file that decodes to a huge image (Pillow's guard) is refused."""
    settings.DOCUMENTEN_MAX_UPLOAD = 10 * 2**20
    buf = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buf, "PNG")  # 144 megapixels, a few kB on disk
    assert len(buf.getvalue()) < 200_000
    with pytest.raises(forms.ValidationError):
        check_upload(SimpleUploadedFile("bom.png", buf.getvalue()))


def test_size_limit(settings):
    settings.DOCUMENTEN_MAX_UPLOAD = 100
    with pytest.raises(forms.ValidationError, match="te groot"):
        check_upload(SimpleUploadedFile("groot.pdf", PDF))


# --- issue #19 defect 6: the pixel limit holds between 1× and 2× ---------------------------------------------------

def _png_van(w: int, h: int) -> bytes:
    """A 1-bit PNG of w×h pixels: a few kB on disk, built in memory without decoding anything big."""
    buf = io.BytesIO()
    Image.new("1", (w, h)).save(buf, "PNG", optimize=False)
    return buf.getvalue()


def test_image_over_the_pixel_limit_is_refused_before_decoding(settings, monkeypatch):
    """81 megapixels (9000×9000) is over MAX_PIXELS (60 Mpx) but under twice it, where Pillow only warns: refused by
    our own check on the header, with a Dutch message that says why, and the pixels are never decoded."""
    from portal.documenten import validators

    settings.DOCUMENTEN_MAX_UPLOAD = 10 * 2**20
    inhoud = _png_van(9000, 9000)
    assert len(inhoud) < 200_000 and 9000 * 9000 > validators.MAX_PIXELS
    gedecodeerd = []
    origineel = Image.Image.load
    monkeypatch.setattr(Image.Image, "load", lambda self: gedecodeerd.append(self.size) or origineel(self))
    with pytest.raises(forms.ValidationError) as fout:
        check_upload(SimpleUploadedFile("groot.png", inhoud))
    assert "megapixel" in str(fout.value) and "60" in str(fout.value)
    assert (9000, 9000) not in gedecodeerd  # refused on the header: no 81-Mpx decode


def test_image_just_under_the_pixel_limit_passes_the_size_check(settings):
    from portal.documenten.validators import MAX_PIXELS, _te_veel_pixels

    assert not _te_veel_pixels(7745, 7745) and 7745 * 7745 <= MAX_PIXELS  # 59.98 Mpx
    assert _te_veel_pixels(7746, 7746)
    assert _te_veel_pixels(60_000_001, 1)


def test_the_pixel_limit_is_a_field_error_on_a_form(settings):
    """At the field: the form shows the Dutch message under the upload, no 500."""
    from portal.documenten.validators import DocumentField

    settings.DOCUMENTEN_MAX_UPLOAD = 10 * 2**20

    class F(forms.Form):
        bestand = DocumentField()

    f = F(data={}, files={"bestand": SimpleUploadedFile("groot.png", _png_van(9000, 9000))})
    assert not f.is_valid()
    assert "megapixel" in " ".join(f.errors["bestand"])
