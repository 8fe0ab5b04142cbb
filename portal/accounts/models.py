from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .constants import BESTUUR_ROLLEN, ROLLEN_ZONDER_2FA, SCHOOL_ROLLEN, SWV_ROLLEN, Rol


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("E-mailadres is verplicht")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who logs in with e-mail and password. Roles come from memberships."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    email_geverifieerd_op = models.DateTimeField(
        _("e-mailadres bevestigd op"), null=True, blank=True,
        help_text=_("Ouders bevestigen hun e-mailadres voordat ze kunnen inloggen."),
    )
    taal = models.CharField(
        _("taal"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl",
        help_text=_("De taal van het portaal en van berichten voor deze gebruiker; nooit de gok van de browser."),
    )
    brieven_digitaal = models.BooleanField(
        _("brieven digitaal ontvangen"), default=False,
        help_text=_("De ouder heeft laten weten brieven van school in het portaal te ontvangen (Awb 2:8). Dan is een "
                    "besluit bekendgemaakt zodra het in het account staat en de ouder een melding kreeg."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.email

    @cached_property
    def lidmaatschappen(self) -> list["Membership"]:
        return list(self.memberships.select_related("school", "swv", "bestuur", "gemeente").all())

    @cached_property
    def rollen(self) -> set[str]:
        return {m.rol for m in self.lidmaatschappen}

    def heeft_rol(self, *rollen: str) -> bool:
        return bool(self.rollen & set(rollen))

    @property
    def hoofdrol(self) -> str | None:
        """The role whose home page the user sees first (the first membership)."""
        return self.lidmaatschappen[0].rol if self.lidmaatschappen else None

    @property
    def vereist_2fa(self) -> bool:
        """Mandatory TOTP for every role except ouder and leerling (issue #2 §5)."""
        if self.is_staff or self.is_superuser:
            return True
        return any(r not in ROLLEN_ZONDER_2FA for r in self.rollen)

    def school_ids(self, *rollen: str) -> set[int]:
        rollen = set(rollen) or SCHOOL_ROLLEN
        return {m.school_id for m in self.lidmaatschappen if m.rol in rollen and m.school_id}

    def swv_ids(self) -> set[int]:
        return {m.swv_id for m in self.lidmaatschappen if m.rol in SWV_ROLLEN and m.swv_id}

    def bestuur_ids(self) -> set[int]:
        """School boards this user is bestuurder of."""
        return {m.bestuur_id for m in self.lidmaatschappen if m.rol in BESTUUR_ROLLEN and m.bestuur_id}

    def gemeente_ids(self, *rollen: str) -> set[int]:
        rollen = set(rollen) or {Rol.LEERPLICHT}
        return {m.gemeente_id for m in self.lidmaatschappen if m.rol in rollen and m.gemeente_id}


class Membership(models.Model):
    """(user, organisation, role): what a person may do for which organisation (DOMAIN §2)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker"))
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices)
    school = models.ForeignKey(
        "organisaties.School", null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships", verbose_name=_("school"),
    )
    swv = models.ForeignKey(
        "organisaties.Samenwerkingsverband", null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships", verbose_name=_("samenwerkingsverband"),
    )
    bestuur = models.ForeignKey(
        "organisaties.Bestuur", null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships", verbose_name=_("bevoegd gezag"),
    )
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships", verbose_name=_("gemeente"),
        help_text=_("Voor de leerplichtambtenaar: de gemeente waarvoor hij of zij werkt."),
    )
    organisatie_naam = models.CharField(
        _("organisatie"), max_length=200, blank=True,
        help_text=_("Voor rollen zonder school of SWV: de gemeente, het bureau of de praktijk."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                name="membership_school_rol_heeft_school",
                condition=~Q(rol__in=sorted(r.value for r in SCHOOL_ROLLEN)) | Q(school__isnull=False, swv__isnull=True),
            ),
            models.CheckConstraint(
                name="membership_swv_rol_heeft_swv",
                condition=~Q(rol__in=sorted(r.value for r in SWV_ROLLEN)) | Q(swv__isnull=False, school__isnull=True),
            ),
            models.CheckConstraint(
                name="membership_bestuurder_heeft_gezag",
                condition=~Q(rol__in=sorted(r.value for r in BESTUUR_ROLLEN))
                | Q(school__isnull=True, bestuur__isnull=False, swv__isnull=True)
                | Q(school__isnull=True, bestuur__isnull=True, swv__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_rol_display()} — {self.organisatie}"

    @property
    def organisatie(self) -> str:
        if self.school_id:
            return str(self.school)
        if self.swv_id:
            return str(self.swv)
        if self.bestuur_id:
            return str(self.bestuur)
        if self.gemeente_id:
            return f"Gemeente {self.gemeente}"
        return self.organisatie_naam or ""


class TweestapsUitnodiging(models.Model):
    """A link to set up the second factor (issue #19 §2): e-mailed to the account's own address, valid for a day and
    used once. A password alone never shows the secret of the authenticator app: this link is the second thing. Only
    a hash of the link's key is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tweestaps_uitnodigingen",
                             verbose_name=_("gebruiker"))
    sleutel_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    verloopt_op = models.DateTimeField(_("verloopt op"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(
        _("ingetrokken op"), null=True, blank=True,
        help_text=_("Een nieuwere link, of een reset door de beheerder, maakt een oude link ongeldig."),
    )
    uitgegeven_door = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("uitgegeven door"),
        help_text=_("De beheerder die de tweede factor resette; leeg als de gebruiker de link zelf vroeg."),
    )

    class Meta:
        verbose_name = _("koppellink tweestapsverificatie")
        verbose_name_plural = _("koppellinks tweestapsverificatie")
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["user", "aangemaakt_op"], name="tweestaps_user_aangemaakt_idx")]

    def __str__(self):
        return f"Koppellink #{self.pk} voor account #{self.user_id}"

    def is_open(self, nu) -> bool:
        return self.gebruikt_op is None and self.ingetrokken_op is None and self.verloopt_op > nu
