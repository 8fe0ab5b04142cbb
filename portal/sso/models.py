"""Single sign-on providers and the parents' links to a broker identity (issue #21 §5).

A provider is configured by the beheerder in /beheer/, never in settings: issuer, client id and secret, scopes, the
organisations whose staff may log in with it. The client secret is stored encrypted (``portal.sso.geheim``) and never
shown again. A parent's broker identity is stored only as a keyed hash of the provider's subject: even a broker that
puts a BSN in ``sub`` leaves no BSN in the database."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Soort


def _scopes_standaard():
    return "openid email profile"


class AanbiederQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Aanbieder(models.Model):
    """An OpenID Connect provider the portal trusts for logging in: a board's identity provider (staff) or a
    DigiD/eHerkenning broker (parents)."""

    naam = models.CharField(_("naam"), max_length=100, help_text=_("Zo staat de knop op de inlogpagina: 'Inloggen met …'."))
    slug = models.SlugField(_("korte naam in de link"), max_length=50, unique=True,
                            help_text=_("Voor de adressen /sso/<korte naam>/inloggen/; alleen letters, cijfers en streepjes."))
    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    issuer = models.URLField(
        _("issuer"), max_length=300,
        help_text=_("Het adres van de aanbieder zonder /.well-known/openid-configuration, bijvoorbeeld "
                    "https://login.microsoftonline.com/<tenant-id>/v2.0 of https://accounts.google.com. Het portaal "
                    "haalt de rest (eindpunten, sleutels) op uit de discovery en bewaart die een uur."),
    )
    client_id = models.CharField(_("client id"), max_length=300)
    client_secret_versleuteld = models.TextField(_("client secret (versleuteld)"), editable=False, blank=True)
    scopes = models.CharField(
        _("scopes"), max_length=300, default=_scopes_standaard,
        help_text=_("Gescheiden door spaties; 'openid' is verplicht. Medewerkers: 'openid email profile'. Ouders: "
                    "alleen 'openid' (het portaal vraagt nooit om het BSN)."),
    )
    acr_waarden = models.CharField(
        _("acr-waarden met tweede factor"), max_length=500, blank=True,
        help_text=_("Gescheiden door spaties: de waarden van de acr-claim die een tweede factor betekenen (naast de "
                    "amr-waarden mfa, otp, hwk, sc en mca, die altijd tellen). Dan vraagt het portaal niet nog eens "
                    "om een eigen code."),
    )
    besturen = models.ManyToManyField("organisaties.Bestuur", blank=True, related_name="+",
                                      verbose_name=_("besturen"),
                                      help_text=_("Medewerkers van deze besturen en hun scholen mogen zo inloggen."))
    samenwerkingsverbanden = models.ManyToManyField(
        "organisaties.Samenwerkingsverband", blank=True, related_name="+", verbose_name=_("samenwerkingsverbanden"),
        help_text=_("Medewerkers van deze samenwerkingsverbanden mogen zo inloggen."))
    actief = models.BooleanField(_("actief"), default=True,
                                 help_text=_("Alleen actieve aanbieders staan op de inlogpagina en werken."))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = AanbiederQuerySet.as_manager()

    class Meta:
        verbose_name = _("inlogaanbieder (OpenID Connect)")
        verbose_name_plural = _("inlogaanbieders (OpenID Connect)")
        ordering = ["soort", "naam"]

    def __str__(self):
        return self.naam

    @property
    def audit_label(self) -> str:
        return f"Inlogaanbieder {self.naam}"

    @property
    def scope_lijst(self) -> list[str]:
        return self.scopes.split()

    @property
    def acr_lijst(self) -> set[str]:
        return set(self.acr_waarden.split())

    @property
    def heeft_geheim(self) -> bool:
        return bool(self.client_secret_versleuteld)

    def zet_geheim(self, geheim: str) -> None:
        from .geheim import versleutel

        self.client_secret_versleuteld = versleutel(geheim)

    def geheim(self) -> str:
        from .geheim import ontsleutel

        return ontsleutel(self.client_secret_versleuteld)

    def clean(self):
        fouten = {}
        issuer = (self.issuer or "").rstrip("/")
        if issuer and not issuer.startswith("https://") and not settings.SSO_HTTP_ISSUER_TOEGESTAAN:
            fouten["issuer"] = _("De issuer moet met https:// beginnen.")
        if issuer.endswith("/.well-known/openid-configuration"):
            fouten["issuer"] = _("Laat /.well-known/openid-configuration weg; het portaal voegt dat zelf toe.")
        scopes = self.scopes.split()
        if "openid" not in scopes:
            fouten["scopes"] = _("De scope 'openid' is verplicht.")
        elif any("bsn" in s.lower() for s in scopes):
            fouten["scopes"] = _("Het portaal vraagt nooit om het BSN. Haal deze scope weg.")
        if fouten:
            raise ValidationError(fouten)


class OuderKoppeling(models.Model):
    """A parent's account linked to a broker identity, after the parent confirmed the e-mail address or logged in
    with the password once (issue #21 §5). Stores a keyed hash of the provider's subject, never the subject itself."""

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="koppelingen",
                                  verbose_name=_("inlogaanbieder"))
    subject_hash = models.CharField(_("hash van de identiteit bij de aanbieder"), max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_koppelingen",
                             verbose_name=_("gebruiker"))
    aangemaakt_op = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling met een inlogaanbieder")
        verbose_name_plural = _("koppelingen met een inlogaanbieder")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(fields=["aanbieder", "subject_hash"], name="sso_koppeling_uniek_subject"),
            models.UniqueConstraint(fields=["aanbieder", "user"], name="sso_koppeling_uniek_user"),
        ]

    def __str__(self):
        return f"{self.aanbieder} → account #{self.user_id}"

    @property
    def audit_label(self) -> str:
        return f"Koppeling {self.aanbieder.naam} ↔ account #{self.user_id}"
