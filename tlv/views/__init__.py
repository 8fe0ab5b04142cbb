"""The TLV's pages, by topic: the application (``aanvraag``), the experts (``deskundige``), the desk (``loket``) and
the register (``register``). A bezwaar against a TLV decision is heard and decided on the bezwaar's own page
(``geschillen:bezwaar``); the TLV's own steps on it (the LBT, verdaging) are actions on the application page."""

from django.contrib import messages

from portal.zaken.services import ZaakFout


def verwerk(request, form, doe, succes) -> tuple[bool, object]:
    """A form page's POST (GET and POST pages; the case page's actions are the kit's ``actie_view``): when the form
    is valid, ``doe(cleaned_data)`` calls the one service; a refusal (``ZaakFout``) goes to the field it names, else
    to the form's top, the input kept; done, the user reads ``succes``. Returns ``(True, what doe returned)`` once
    done, ``(False, None)`` while the form is to be shown (again)."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        uit = doe(form.cleaned_data)
    except ZaakFout as exc:
        form.add_error(exc.veld if exc.veld in form.fields else None, str(exc))
        return False, None
    messages.success(request, succes)
    return True, uit
