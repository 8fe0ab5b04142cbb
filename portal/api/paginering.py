"""Pages of a list (issue #21 §1): ``pagina`` and ``aantal`` (at most 200). A page that does not exist is a 400
with the parameter named, never a 500."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    page_size = 50
    page_query_param = "pagina"
    page_size_query_param = "aantal"
    max_page_size = 200
    page_query_description = "Het nummer van de pagina (vanaf 1)."
    page_size_query_description = "Hoeveel resultaten per pagina (standaard 50, hoogstens 200)."

    def paginate_queryset(self, queryset, request, view=None):
        waarde = request.query_params.get(self.page_query_param, "1")
        if not (waarde.isascii() and waarde.isdigit()) or len(waarde) > 9 or int(waarde) < 1:
            raise ValidationError({self.page_query_param: ["Geef een paginanummer van 1 of hoger."]})
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:  # a page past the end
            raise ValidationError({self.page_query_param: ["Deze pagina bestaat niet."]}) from None
