"""Pages of a list (issue #21 §1): ``pagina`` and ``aantal`` (at most 200). A page that does not exist is a 400
with the parameter named, never a 500.

A list whose rows' ids are known beforehand (``met_ids``: kept per version, issue #23 §2) is counted from those ids
and its page read by the page's own ids: no ``COUNT(*)`` over the access rule's join, and the page's query looks up
at most ``aantal`` rows by primary key — still within the access rule, so an id the rule no longer allows is left out,
never shown."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


def met_ids(qs, ids: list):
    """``qs`` (the list with its access rule) marked with ``ids``: the ids of its rows, in its order, e.g. kept per
    version. The pagination counts and slices the ids and reads the page's rows from ``qs`` by their ids; anything
    else (a lost marker) reads ``qs`` as it is."""
    qs = qs.all()
    qs._api_ids = (ids, qs)
    return qs


class _OpIds:
    """What Django's ``Paginator`` needs of an object list: a count and a slice, from the ids."""

    def __init__(self, ids: list, basis):
        self.ids, self.basis = ids, basis

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, deel):
        pagina = self.ids[deel]
        rijen = {r.pk: r for r in self.basis.filter(pk__in=pagina)}
        return [rijen[i] for i in pagina if i in rijen]


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
        if (ids := getattr(queryset, "_api_ids", None)) is not None:
            queryset = _OpIds(*ids)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:  # a page past the end
            raise ValidationError({self.page_query_param: ["Deze pagina bestaat niet."]}) from None
