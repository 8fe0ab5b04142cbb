from django.utils.translation import gettext_lazy as _

from portal.core.forms import PortalForm
from portal.documenten.validators import DocumentField


class DocumentForm(PortalForm):
    bestand = DocumentField(label=_("Document toevoegen"))
