"""The schema, the documentation page and the token endpoint of the API (issue #21 §1, §2)."""

from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider.views import TokenView as DotTokenView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (YAML, or JSON with ?format=json)."""

    authentication_classes = []
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's static files, its start script from this view (``?script``), its styles from
    ``api/docs.css``: nothing inline and nothing from outside, so the site's CSP ('self') holds."""

    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "api:schema"
    template_name = "api/docs.html"


@method_decorator(csrf_exempt, name="dispatch")
class TokenView(DotTokenView):
    """POST grant_type=client_credentials with the client's id and secret (HTTP Basic or form): a bearer token with
    the client's scopes. A revoked client gets ``invalid_client``."""


class NietGevonden(APIView):
    """Any other path under /api/v1/: a 404 as a problem detail, not the site's HTML page."""

    authentication_classes = []
    permission_classes = [AllowAny]
    schema = None  # not an endpoint

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound()

    get = post = put = patch = delete = http_method_not_allowed
