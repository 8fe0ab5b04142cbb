"""Rows for single sign-on (issue #21 §5). The login link sends an anonymous visitor to the provider (302 there, not
to the portal's login page) and a logged-in person to the start page; the callback without a code from a provider is
the 'niet gelukt' page (400); the confirmation page without a broker login waiting sends to the login page; a link
that is not one of the portal's is 400. The whole flows run against a real provider in tests/test_sso_live.py."""

from . import INGELOGD, Rij, ok


def objecten(w):
    from django.core.cache import cache

    from portal.sso import discovery
    from portal.sso.constants import Soort
    from portal.sso.models import Aanbieder

    w.sso_aanbieder = Aanbieder(naam="Entra ID", slug=f"entra-{w.school_a.pk}", soort=Soort.MEDEWERKERS,
                                issuer="https://login.example.invalid/tenant/v2.0", client_id="portaal")
    w.sso_aanbieder.zet_geheim("geheim")
    w.sso_aanbieder.save()
    w.sso_aanbieder.besturen.add(w.school_a.bestuur)
    # the provider's discovery as the portal keeps it (no network in the matrix)
    cache.set(discovery._sleutel(w.sso_aanbieder.issuer), {
        "issuer": w.sso_aanbieder.issuer, "authorization_endpoint": "https://login.example.invalid/authorize",
        "token_endpoint": "https://login.example.invalid/token", "jwks_uri": "https://login.example.invalid/keys",
        "userinfo_endpoint": "", "algoritme": "RS256", "pkce": True}, 24 * 3600)  # the matrix runs for minutes


ROWS = [
    Rij("sso:inloggen", {**ok(*INGELOGD, code=302), "anoniem": 302}, args=lambda o: [o.sso_aanbieder.slug]),
    Rij("sso:terug", {**ok(*INGELOGD, code=400), "anoniem": 400}),
    Rij("sso:bevestigen", ok(*INGELOGD, code=302)),
    Rij("sso:bevestig_link", {**ok(*INGELOGD, code=400), "anoniem": 400}, args=lambda o: ["geen-geldige-link"]),
]
