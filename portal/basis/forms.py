"""Form pieces every app uses (issue #8, "what users stumbled on" 4, 10, 13, 14).

* ``PortalForm``: optional fields say "(niet verplicht)" in their label (GOV.UK / NL Design System;
  no asterisks to explain), and the template ``_formulier_fouten.html`` shows an error summary that
  takes focus and links to each field; the input is kept.
* ``TekstVeld`` / ``NaamVeld``: free text with a documented maximum, names without control or
  bidirectional-override characters (they reorder text on screen and in PDFs).
* ``DatumVeld``: a near date with a sane range (no 1 January 0001).
* ``GeboortedatumVeld``: a memorable date asked as dag, maand, jaar — three fields, never the browser's
  date widget, whose order follows the browser's language rather than the page's.
* ``TOKEN_VELD`` / ``nieuw_token`` / ``lees_token``: the form token every POST form carries (issue #19, defect 4):
  ``{% formulier_token %}`` renders a fresh one per form; the kit (``portal.zaken.pagina.eenmalig``) makes a
  create-POST with a token already used go to the first one's result instead of creating a second object.
"""

import unicodedata
import uuid
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Free text: what a letter can carry without becoming a document of its own (documented in the README).
TEKST_MAX = 5000
KORT_MAX = 500
NIET_VERPLICHT = _("(niet verplicht)")
# Unicode bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI) and marks that reorder text.
BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
        "\u061c"}


TOKEN_VELD = "formulier_token"
# The page's address carries its form's token (static/js/portal.js sets it with history.replaceState), so a form page
# fetched again by the Back button renders the same token — and a page whose form was sent shows its result.
ADRES_TOKEN = "formulier"


def nieuw_token() -> str:
    """A fresh form token: 32 hex digits (a random UUID)."""
    return uuid.uuid4().hex


def lees_token(data) -> uuid.UUID | None:
    """The form token of a POST, or None when it is missing or garbled (an old page, a hand-made request): only the
    32 hex digits ``nieuw_token`` makes, with or without hyphens (36), ASCII only."""
    waarde = data.get(TOKEN_VELD) if data is not None else None
    if not isinstance(waarde, str) or len(waarde) not in (32, 36) or not waarde.isascii():
        return None
    try:
        return uuid.UUID(hex=waarde)
    except ValueError:
        return None


def _verboden_tekens(waarde: str, *, regels: bool) -> bool:
    for ch in waarde:
        if ch in BIDI:
            return True
        if regels and ch in "\n\r\t":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch != "\u200d":  # ZWJ occurs in names/emoji
            return True
    return False


def geen_stuurtekens(waarde: str) -> None:
    """For free text: line breaks and tabs are fine; other control and direction characters are not."""
    if waarde and _verboden_tekens(waarde, regels=True):
        raise ValidationError(_("Deze tekst bevat onzichtbare stuurtekens (bijvoorbeeld voor de schrijfrichting). "
                                "Typ de tekst opnieuw of plak hem zonder opmaak."), code="stuurtekens")


def geldige_naam(waarde: str) -> None:
    """For names: no control characters, no direction overrides, no line breaks."""
    if waarde and _verboden_tekens(waarde, regels=False):
        raise ValidationError(_("Een naam mag geen onzichtbare stuurtekens of regeleinden bevatten."), code="naam")


class TekstVeld(forms.CharField):
    """Free text with a documented maximum (default 5,000 characters) and no hidden control characters."""

    def __init__(self, *args, max_length=TEKST_MAX, rijen=3, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rijen}))
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(geen_stuurtekens)
        self.error_messages["max_length"] = _("Gebruik ten hoogste %(limit_value)d tekens (nu %(show_value)d).")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)  # the browser would cut pasted text silently; we say it at the field
        return attrs


class KortTekstVeld(TekstVeld):
    def __init__(self, *args, max_length=KORT_MAX, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, max_length=max_length, **kwargs)


class NaamVeld(forms.CharField):
    def __init__(self, *args, max_length=200, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(geldige_naam)
        self.error_messages["max_length"] = _("Gebruik ten hoogste %(limit_value)d tekens.")


class DatumInput(forms.DateInput):
    """The browser's date picker, for near dates (issue #8, stumbled 14)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DatumVeld(forms.DateField):
    """A near date: within ``jaren_terug`` years back and ``jaren_vooruit`` ahead of today."""

    widget = DatumInput

    def __init__(self, *args, jaren_terug=5, jaren_vooruit=3, niet_na_vandaag=False, niet_voor_vandaag=False, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])
        super().__init__(*args, **kwargs)
        self.jaren_terug, self.jaren_vooruit = jaren_terug, jaren_vooruit
        self.niet_na_vandaag, self.niet_voor_vandaag = niet_na_vandaag, niet_voor_vandaag
        self.error_messages["invalid"] = _("Vul een geldige datum in, bijvoorbeeld 24-08-2026.")

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        vandaag = timezone.localdate()
        if self.niet_na_vandaag and value > vandaag:
            raise ValidationError(_("Deze datum mag niet in de toekomst liggen."), code="toekomst")
        if self.niet_voor_vandaag and value < vandaag:
            raise ValidationError(_("Deze datum mag niet in het verleden liggen."), code="verleden")
        if value.year < vandaag.year - self.jaren_terug or value.year > vandaag.year + self.jaren_vooruit:
            raise ValidationError(_("Deze datum ligt te ver weg (%(van)s–%(tot)s). Controleer het jaar.")
                                  % {"van": vandaag.year - self.jaren_terug, "tot": vandaag.year + self.jaren_vooruit},
                                  code="bereik")


class DagMaandJaarWidget(forms.MultiWidget):
    template_name = "core/widgets/dag_maand_jaar.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2, "size": 2, "autocomplete": "bday-day",
                                   "class": "form-control dmj-dag"}),
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2, "size": 2, "autocomplete": "bday-month",
                                   "class": "form-control dmj-maand"}),
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4, "size": 4, "autocomplete": "bday-year",
                                   "class": "form-control dmj-jaar"}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        for sub, label in zip(ctx["widget"]["subwidgets"], (_("Dag"), _("Maand"), _("Jaar")), strict=True):
            sub["label"] = label
        return ctx


class GeboortedatumVeld(forms.MultiValueField):
    """A birth date as dag, maand, jaar (NL Design System / GOV.UK memorable-date pattern)."""

    widget = DagMaandJaarWidget

    def __init__(self, *args, min_jaar=1900, **kwargs):
        kwargs.setdefault("help_text", _("Bijvoorbeeld 15 3 2020"))
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, *args, require_all_fields=False, **kwargs)
        self.min_jaar = min_jaar

    def compress(self, data_list):
        if not data_list or not any(data_list):
            if self.required:
                raise ValidationError(_("Vul de geboortedatum in: dag, maand en jaar."), code="required")
            return None
        dag, maand, jaar = (str(x or "").strip() for x in data_list)
        if not (dag and maand and jaar):
            raise ValidationError(_("Vul dag, maand én jaar in."), code="onvolledig")
        if not all(x.isascii() and x.isdigit() and len(x) <= 4 for x in (dag, maand, jaar)) or len(jaar) != 4:
            raise ValidationError(_("Gebruik cijfers: dag (1–31), maand (1–12) en jaar in vier cijfers, bijvoorbeeld 2020."),
                                  code="cijfers")
        try:
            waarde = date(int(jaar), int(maand), int(dag))
        except ValueError:
            raise ValidationError(_("Deze datum bestaat niet. Controleer dag en maand."), code="bestaat_niet") from None
        if waarde > timezone.localdate():
            raise ValidationError(_("Een geboortedatum ligt niet in de toekomst."), code="toekomst")
        if waarde.year < self.min_jaar:
            raise ValidationError(_("Controleer het jaar."), code="bereik")
        return waarde


class PortalFormMixin:
    """Optional fields say so in their label; required ones need no mark (issue #8, stumbled 13)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not field.required and field.label and not isinstance(field.widget, forms.CheckboxInput) \
                    and not str(field.label).endswith(str(NIET_VERPLICHT)):
                field.label = f"{field.label} {NIET_VERPLICHT}"

    def fouten_lijst(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary; non-field errors point at the form."""
        out = []
        for naam, fouten in self.errors.items():
            if naam == "__all__":
                out += [("", str(f)) for f in fouten]
                continue
            veld = self.fields.get(naam)
            bound = self[naam] if veld else None
            doel = bound.auto_id if bound else ""
            if veld is not None and isinstance(veld.widget, forms.MultiWidget):
                doel += "_0"
            label = str(veld.label).replace(f" {NIET_VERPLICHT}", "") if veld else ""
            out += [(doel, f"{label}: {f}" if label else str(f)) for f in fouten]
        return out


class PortalForm(PortalFormMixin, forms.Form):
    pass


class SnelSelect(forms.Select):
    """A ``<select>`` built as one string instead of one template per option (issue #14): a list of hundreds of
    municipalities or schools costs a fraction of a millisecond, not tens. The same HTML as Django's ``Select``
    (attributes, ``selected``, escaping); option groups fall back to Django's rendering."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.forms.utils import flatatt
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        keuzes = list(self.choices)
        if any(isinstance(label, list | tuple) for _v, label in keuzes):
            return super().render(name, value, attrs, renderer)
        gekozen = {str(v) for v in self.format_value(value)}
        delen = []
        for v, label in keuzes:
            v = "" if v is None else str(v)
            delen.append(f'<option value="{escape(v)}"{" selected" if v in gekozen else ""}>{escape(label)}</option>')
        final = self.build_attrs(self.attrs, attrs)
        return mark_safe(f'<select name="{escape(name)}"{flatatt(final)}>{"".join(delen)}</select>')  # noqa: S308 (escaped above)


class MeerdereKeuze(forms.ModelMultipleChoiceField):
    """``ModelMultipleChoiceField`` that refuses, at the field, an id no database column can hold. Django lets an
    integer beyond 64 bits reach SQLite (the default database), which raises ``OverflowError``: a 500 (issue #19,
    found by the property-based form tests)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                te_groot = abs(int(str(pk).strip())) > 2**63 - 1
            except ValueError:
                continue  # not a number at all: Django's own check says so
            if te_groot:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)
