"""The beheerder configures the providers in /beheer/ (issue #21 §5). The client secret is entered, stored encrypted
and never shown back; saving checks the provider's discovery at once, so a typo in the issuer shows here and not at
a parent's login. Only the beheerder (superuser) sees these pages."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from portal.audit.models import Actie
from portal.audit.services import audit_log

from .constants import Soort
from .discovery import DiscoveryFout, configuratie, vergeet
from .models import Aanbieder, OuderKoppeling


class AanbiederForm(forms.ModelForm):
    issuer = forms.URLField(label=_("issuer"), max_length=300, assume_scheme="https",
                            help_text=Aanbieder._meta.get_field("issuer").help_text)
    client_secret = forms.CharField(
        label=_("client secret"), required=False, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Wordt versleuteld bewaard en nooit meer getoond. Laat leeg om het huidige geheim te houden."),
    )

    class Meta:
        model = Aanbieder
        fields = ["naam", "slug", "soort", "issuer", "client_id", "client_secret", "scopes", "acr_waarden",
                  "besturen", "samenwerkingsverbanden", "actief"]

    def clean(self):
        data = super().clean()
        if not data.get("client_secret") and not (self.instance.pk and self.instance.heeft_geheim):
            self.add_error("client_secret", _("Vul het client secret in dat de aanbieder gaf."))
        if data.get("soort") == Soort.MEDEWERKERS and not (data.get("besturen") or data.get("samenwerkingsverbanden")):
            self.add_error("besturen", _("Kies minstens één bestuur of samenwerkingsverband: alleen hun medewerkers "
                                         "kunnen zo inloggen."))
        if data.get("soort") == Soort.OUDERS and (data.get("besturen") or data.get("samenwerkingsverbanden")):
            self.add_error("besturen", _("Een makelaar voor ouders hoort niet bij een organisatie. Laat dit leeg."))
        return data


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    form = AanbiederForm
    list_display = ["naam", "soort", "issuer", "client_id", "geheim_ingesteld", "actief", "gewijzigd_op"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "issuer", "client_id"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["besturen", "samenwerkingsverbanden"]
    readonly_fields = ["geheim_ingesteld", "aangemaakt_op", "gewijzigd_op"]

    @admin.display(description=_("client secret ingesteld"), boolean=True)
    def geheim_ingesteld(self, obj):
        return obj.heeft_geheim

    # Only the beheerder: a provider decides who can log in as whom.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission

    def save_model(self, request, obj, form, change):
        geheim = form.cleaned_data.get("client_secret")
        if geheim:
            obj.zet_geheim(geheim)
        super().save_model(request, obj, form, change)
        audit_log(actor=request.user, actie=Actie.GEWIJZIGD if change else Actie.AANGEMAAKT, obj=obj,
                  omschrijving="Inlogaanbieder " + ("gewijzigd" if change else "toegevoegd")
                  + (", nieuw client secret" if geheim else ""))
        vergeet(obj)
        try:
            configuratie(obj, vers=True)
        except DiscoveryFout as e:
            self.message_user(request, _("Opgeslagen, maar de aanbieder is niet te bereiken of de issuer klopt niet: "
                                         "%(fout)s. Inloggen werkt pas als dit klopt.") % {"fout": e}, messages.WARNING)

    def delete_model(self, request, obj):
        audit_log(actor=request.user, actie=Actie.VERWIJDERD, obj=obj, omschrijving="Inlogaanbieder verwijderd")
        vergeet(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(OuderKoppeling)
class OuderKoppelingAdmin(admin.ModelAdmin):
    """Read and remove only: a link is made by the parent (after confirming the e-mail address)."""

    list_display = ["aanbieder", "user", "aangemaakt_op", "laatst_gebruikt_op"]
    list_filter = ["aanbieder"]
    search_fields = ["user__email"]
    fields = readonly_fields = ["aanbieder", "user", "aangemaakt_op", "laatst_gebruikt_op"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_delete_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        audit_log(actor=request.user, actie=Actie.VERWIJDERD, obj=obj, omschrijving="Koppeling verwijderd door de beheerder")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
