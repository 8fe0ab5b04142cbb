from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    """The roles of DOMAIN §2. A role is always held for an organisation (or for oneself)."""

    OUDER = "ouder", _("Ouder / verzorger")
    LEERLING = "leerling", _("Leerling")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Curator / mentor")
    IB = "ib", _("Intern begeleider / zorgcoördinator")
    DIRECTEUR = "directeur", _("Directeur")
    BESTUURDER = "bestuurder", _("Bestuurder (bevoegd gezag)")
    LEERKRACHT = "leerkracht", _("Leerkracht / mentor")
    SWV = "swv", _("Medewerker samenwerkingsverband")
    DESKUNDIGE = "deskundige", _("Deskundige")
    ONDERWIJSCONSULENT = "onderwijsconsulent", _("Onderwijsconsulent")
    CLIENTONDERSTEUNER = "clientondersteuner", _("Cliëntondersteuner")
    STEUNPUNT = "steunpunt", _("Ouder- en jeugdsteunpunt")
    KLACHTENCOMMISSIE = "klachtencommissie", _("Secretaris klachtencommissie")
    LEERPLICHT = "leerplicht", _("Leerplichtambtenaar")
    BEHEERDER = "beheerder", _("Beheerder")


# Roles held at a school, at an SWV; the rest are personal or independent (DOMAIN §2).
SCHOOL_ROLLEN = {Rol.IB, Rol.DIRECTEUR, Rol.LEERKRACHT}
SWV_ROLLEN = {Rol.SWV}
# A bestuurder is (a member of) the bevoegd gezag: of a school board or of an SWV.
BESTUUR_ROLLEN = {Rol.BESTUURDER}
# The family's roles: a parent, the pupil, an adult pupil's curator or mentor (issue #17 §1). Every other role is staff
# of an organisation or an independent helper.
GEZIN_ROLLEN = {Rol.OUDER, Rol.LEERLING, Rol.VERTEGENWOORDIGER}
# Everyone except parents and pupils must use TOTP two-factor authentication (issue #2 §5).
# A curator or mentor acts for one adult pupil as the parents did for a minor (issue #17 §1): the same rule.
ROLLEN_ZONDER_2FA = {Rol.OUDER, Rol.LEERLING, Rol.VERTEGENWOORDIGER}
