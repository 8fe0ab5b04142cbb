"""The beheerder in /beheer/ (issue #21 §4): subscriptions (made for an organisation's client; the signing secret
shown once) and the deliveries that failed or wait for a retry, with the last error and 'opnieuw proberen'."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Abonnement, Aflevering, AfleverStatus
from .services import (
    AbonnementFout,
    abonnement_beeindig,
    abonnement_maak,
    abonnement_nieuw_geheim,
    aflevering_opnieuw,
)
from .soorten import keuzes
from .veiligheid import url_fout


class AbonnementForm(forms.ModelForm):
    url = forms.CharField(label=_("callback-URL"), max_length=500,
                          help_text=_("https, een openbaar adres. Het portaal stuurt de berichten hierheen."))
    soorten = forms.MultipleChoiceField(label=_("soorten gebeurtenissen"), widget=forms.CheckboxSelectMultiple,
                                        choices=(), error_messages={"required": _("Kies ten minste één soort.")})

    class Meta:
        model = Abonnement
        fields = ["koppeling", "url", "soorten", "omschrijving"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "soorten" in self.fields:  # the add form (a saved subscription is read only)
            self.fields["soorten"].choices = keuzes()
        if "koppeling" in self.fields:
            self.fields["koppeling"].queryset = self.fields["koppeling"].queryset.filter(ingetrokken_op__isnull=True)

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if fout := url_fout(url):
            raise forms.ValidationError(fout)
        return url


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    list_display = ["pk", "koppeling", "url", "soorten", "aangemaakt_op", "beeindigd_op"]
    list_filter = ["beeindigd_op"]
    search_fields = ["url", "koppeling__naam"]
    actions = ["beeindig", "nieuw_geheim"]
    form = AbonnementForm

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("koppeling", "koppeling__school", "koppeling__bestuur",
                                                            "koppeling__swv")

    def get_readonly_fields(self, request, obj=None):
        return ["koppeling", "url", "soorten", "omschrijving", "aangemaakt_op", "beeindigd_op"] if obj else []

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj is not None else AbonnementForm.Meta.fields

    def has_delete_permission(self, request, obj=None):
        return False  # end it instead: the deliveries and the audit trail keep pointing at it

    def save_model(self, request, obj, form, change):
        if change:
            return
        d = form.cleaned_data
        try:
            a, geheim = abonnement_maak(koppeling=d["koppeling"], url=d["url"], soorten=d["soorten"],
                                        omschrijving=d.get("omschrijving") or "", door=request.user)
        except AbonnementFout as e:
            self.message_user(request, str(e), messages.ERROR)
            return
        obj.pk = a.pk
        self.message_user(request, _("Ondertekengeheim: %(geheim)s — geef het veilig door aan de leverancier; het "
                                     "wordt niet nog eens getoond.") % {"geheim": geheim}, messages.WARNING)

    @admin.action(description=_("Beëindigen (werkt direct)"))
    def beeindig(self, request, queryset):
        for a in queryset:
            abonnement_beeindig(abonnement=a, door=request.user)
        self.message_user(request, _("Beëindigd: er gaan geen berichten meer naartoe."))

    @admin.action(description=_("Nieuw ondertekengeheim maken"))
    def nieuw_geheim(self, request, queryset):
        for a in queryset:
            geheim = abonnement_nieuw_geheim(abonnement=a, door=request.user)
            self.message_user(request, _("%(a)s — nieuw geheim: %(g)s (wordt niet nog eens getoond).")
                              % {"a": a, "g": geheim}, messages.WARNING)


class ProblemenFilter(admin.SimpleListFilter):
    """By default the list shows what needs attention: failed deliveries and those waiting for a retry."""

    title = _("welke")
    parameter_name = "welke"

    def lookups(self, request, model_admin):
        return [("problemen", _("Mislukt of opnieuw (standaard)")), ("mislukt", _("Mislukt")),
                ("opnieuw", _("Wordt opnieuw geprobeerd")), ("alle", _("Alle"))]

    def choices(self, changelist):
        waarde = self.value() or "problemen"
        for code, titel in self.lookup_choices:
            yield {"selected": waarde == code, "query_string": changelist.get_query_string({self.parameter_name: code}),
                   "display": titel}

    def queryset(self, request, queryset):
        waarde = self.value() or "problemen"
        if waarde == "alle":
            return queryset
        if waarde in (AfleverStatus.MISLUKT, AfleverStatus.OPNIEUW):
            return queryset.filter(status=waarde)
        return queryset.filter(status__in=[AfleverStatus.MISLUKT, AfleverStatus.OPNIEUW])


@admin.register(Aflevering)
class AfleveringAdmin(admin.ModelAdmin):
    list_display = ["pk", "soort", "abonnement", "status", "pogingen", "laatste_status", "laatste_fout",
                    "laatste_poging_op", "volgende_poging_op"]
    list_filter = [ProblemenFilter]
    actions = ["opnieuw"]
    list_select_related = ["bericht", "abonnement", "abonnement__koppeling"]
    readonly_fields = ["bericht", "abonnement", "status", "pogingen", "laatste_status", "laatste_fout",
                       "laatste_poging_op", "volgende_poging_op", "afgeleverd_op"]

    @admin.display(description=_("soort"))
    def soort(self, obj):
        return obj.bericht.soort

    def has_add_permission(self, request):
        return False  # the case core makes them

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read only; the action below is the one change

    def get_actions(self, request):
        # the action changes a row through a service; it is for whoever may view the list (the beheerder)
        acties = super().get_actions(request)
        return acties if self.has_view_permission(request) else {}

    @admin.action(description=_("Opnieuw proberen"), permissions=["view"])
    def opnieuw(self, request, queryset):
        gedaan = 0
        for a in queryset:
            try:
                aflevering_opnieuw(aflevering=a, door=request.user)
                gedaan += 1
            except AbonnementFout as e:
                self.message_user(request, f"#{a.pk}: {e}", messages.ERROR)
        if gedaan:
            self.message_user(request, _("%(n)s bericht(en) worden opnieuw verstuurd.") % {"n": gedaan})
