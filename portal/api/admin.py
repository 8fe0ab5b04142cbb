"""The beheerder creates and revokes API clients in /beheer/ (issue #21 §2). The secret is shown once, at
creation (stored hashed); revoking works at once."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Koppeling
from .registry import SCOPES
from .services import KoppelingFout, koppeling_maak, koppeling_nieuw_geheim, koppeling_trek_in


class KoppelingForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(label=_("scopes"), required=False, widget=forms.CheckboxSelectMultiple,
                                       choices=())

    class Meta:
        model = Koppeling
        fields = ["naam", "school", "bestuur", "swv", "scopes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [(s.naam, f"{s.naam} — {s.omschrijving}") for s in SCOPES.values()]

    def clean(self):
        data = super().clean()
        probeer = Koppeling(naam=data.get("naam", ""), school=data.get("school"), bestuur=data.get("bestuur"),
                            swv=data.get("swv"), scopes=data.get("scopes") or [])
        probeer.clean()
        return data


@admin.register(Koppeling)
class KoppelingAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisatie", "client_id", "scopes", "aangemaakt_op", "ingetrokken_op"]
    list_filter = ["ingetrokken_op"]
    search_fields = ["naam", "application__client_id"]
    actions = ["trek_in", "nieuw_geheim"]
    form = KoppelingForm

    @admin.display(description=_("client id"))
    def client_id(self, obj):
        return obj.application.client_id

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application", "school", "bestuur", "swv")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["naam", "school", "bestuur", "swv", "client_id", "scopes", "aangemaakt_door", "aangemaakt_op",
                "ingetrokken_op"]

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj is not None else KoppelingForm.Meta.fields

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the audit trail keeps pointing at the client

    def save_model(self, request, obj, form, change):
        if change:
            return
        d = form.cleaned_data
        try:
            koppeling, geheim = koppeling_maak(naam=d["naam"], door=request.user, scopes=d["scopes"],
                                               school=d.get("school"), bestuur=d.get("bestuur"), swv=d.get("swv"))
        except KoppelingFout as e:
            self.message_user(request, str(e), messages.ERROR)
            return
        obj.pk = koppeling.pk
        self.message_user(request, _("Client id: %(id)s — geheim: %(geheim)s. Geef beide veilig door aan de "
                                     "leverancier; het geheim wordt niet nog eens getoond.")
                          % {"id": koppeling.application.client_id, "geheim": geheim}, messages.WARNING)

    @admin.action(description=_("Intrekken (werkt direct)"))
    def trek_in(self, request, queryset):
        for k in queryset:
            koppeling_trek_in(koppeling=k, door=request.user)
        self.message_user(request, _("Ingetrokken; elk volgend verzoek van deze systemen wordt geweigerd."))

    @admin.action(description=_("Nieuw geheim maken (het oude werkt direct niet meer)"))
    def nieuw_geheim(self, request, queryset):
        for k in queryset:
            try:
                geheim = koppeling_nieuw_geheim(koppeling=k, door=request.user)
            except KoppelingFout as e:
                self.message_user(request, f"{k}: {e}", messages.ERROR)
                continue
            self.message_user(request, _("%(k)s — nieuw geheim: %(g)s (wordt niet nog eens getoond).")
                              % {"k": k, "g": geheim}, messages.WARNING)
