from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    OP_TE_STELLEN = "op_te_stellen", _("Op te stellen")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    BEEINDIGD = "beeindigd", _("Beëindigd")


# B-1: every pupil of these kinds of school has an OPP; in regular schools only with extra support.
SOORTEN_MET_OPP = {"sbo", "so", "vso", "pro"}
